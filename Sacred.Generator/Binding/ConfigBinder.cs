using System;
using System.Collections.Generic;
using System.Linq;
using Sacred.Formatting;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Model;

namespace Sacred.Generator.Binding;

/// <summary>
/// The binding stage: settles an owner's schema (its <c>[Config]</c> record, or one inferred from the first config
/// file), applies its config files to it, and binds every injected parameter to its key. Whether a value fits a
/// key is decided by <see cref="ValueFit"/> alone, for JSON values and parameters alike, whichever source the
/// schema came from. Works on models only; any diagnostic means no code for the owner.
/// </summary>
internal sealed class ConfigBinder : IBindingReport
{
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly OwnerModel _owner;
    private readonly EquatableArray<JsonFileModel> _files;

    /// <summary>The config file being applied, named in JSON diagnostics.</summary>
    private string _file = string.Empty;

    private ConfigBinder(OwnerModel owner, EquatableArray<JsonFileModel> files)
    {
        _owner = owner;
        _files = files;
    }

    public static Result<GenerationModel> Bind(Result<OwnerModel> owner, EquatableArray<JsonFileModel> files)
    {
        if (owner.Value is null || owner.Diagnostics.Count > 0)
        {
            return new Result<GenerationModel>(null, owner.Diagnostics);
        }

        var binder = new ConfigBinder(owner.Value, files);
        var model = binder.Bind();
        return binder._diagnostics.Count == 0
            ? new Result<GenerationModel>(model, EquatableArray<DiagnosticInfo>.Empty)
            : new Result<GenerationModel>(null, binder._diagnostics.ToEquatableArray());
    }

    private GenerationModel Bind()
    {
        var config = _owner.Config;
        var defaults = new List<ConfigAssignmentModel>();
        foreach (var reference in _owner.ConfigFiles.Where(f => f.NamedConfig is null))
        {
            var root = Load(reference);
            if (root is null)
            {
                continue;
            }

            _file = reference.Path;
            if (config is null)
            {
                config = SchemaInference.Infer(_owner.FullName, root);
                ReportUninferable(config, root, string.Empty);
                continue;
            }

            Assign(config, root, new List<string>(), string.Empty, defaults);
        }

        var namedConfigs = new List<NamedConfigModel>();
        foreach (var named in _owner.NamedConfigs)
        {
            if (named.MethodName is not null)
            {
                namedConfigs.Add(named);
                continue;
            }

            var reference = _owner.ConfigFiles.First(f => f.NamedConfig == named.Name);
            var root = Load(reference);
            var assignments = new List<ConfigAssignmentModel>();
            _file = reference.Path;
            if (root is not null)
            {
                if (config is null)
                {
                    ReportUnknownKeys(root);
                }
                else
                {
                    Assign(config, root, new List<string>(), string.Empty, assignments);
                }
            }

            namedConfigs.Add(named with { Assignments = assignments.ToEquatableArray() });
        }

        config ??= new ConfigTypeModel(_owner.FullName + "." + Parsing.OwnerParser.EmptyConfigName, Parsing.OwnerParser.EmptyConfigName, EquatableArray<ConfigMemberModel>.Empty, true, IsGenerated: true);
        var functions = _owner.Functions.Select(f => BindParameters(config, f)).ToEquatableArray();
        return new GenerationModel(_owner, config, defaults.ToEquatableArray(), namedConfigs.ToEquatableArray(), functions);
    }

    private JsonValueModel? Load(ConfigFileReference reference)
    {
        var file = Find(reference.Path);
        if (file is null)
        {
            var site = new SourceSite(_owner.MetadataName, SourceSiteKind.ConfigFileArgument, string.Empty, reference.Path);
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConfigFileNotFound, site, reference.Path));
            return null;
        }

        if (file.Root is null)
        {
            var at = file.ErrorLocation!;
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedConfigFile, at, reference.Path, file.Error!, (at.StartLine + 1).ToString(), (at.StartColumn + 1).ToString()));
            return null;
        }

        if (file.Root.Kind != JsonValueKind.Object)
        {
            var at = file.Root.Location;
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedConfigFile, at, reference.Path, "the top-level value must be an object", (at.StartLine + 1).ToString(), (at.StartColumn + 1).ToString()));
            return null;
        }

        return file.Root;
    }

    private JsonFileModel? Find(string path)
    {
        var wanted = Normalize(path);
        return _files.FirstOrDefault(f => Normalize(f.Path) == wanted)
            ?? _files.FirstOrDefault(f => Normalize(f.Path).EndsWith("/" + wanted.TrimStart('.', '/'), StringComparison.Ordinal));
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>
    /// Applies a JSON object to <paramref name="type"/> member by member: a nested object updates only the keys it
    /// names (as the command line's dotted keys do); any other value replaces the member's value.
    /// </summary>
    private void Assign(ConfigTypeModel type, JsonValueModel value, List<string> path, string keyPrefix, List<ConfigAssignmentModel> output)
    {
        foreach (var property in value.Properties)
        {
            var key = keyPrefix + property.Name;
            var member = type.Members.FirstOrDefault(m => m.Key == property.Name);
            if (member is null)
            {
                UnknownKey(property, key, ConfigKeys.All(type, keyPrefix));
                continue;
            }

            if (member.IsDerived)
            {
                DerivedKey(property, key);
                continue;
            }

            var memberPath = new List<string>(path) { member.PropertyName };
            if (member.Type.Kind == ValueKind.Record && property.Value.Kind == JsonValueKind.Object)
            {
                Assign(member.Type.Record!, property.Value, memberPath, key + ".", output);
                continue;
            }

            if (JsonValueBinder.Bind(property.Value, member.Type, key, this) is { } bound)
            {
                output.Add(new ConfigAssignmentModel(memberPath.ToEquatableArray(), bound));
            }
        }
    }

    /// <summary>An inferred member without a default holds a value no C# type fits, such as a list of strings and numbers.</summary>
    private void ReportUninferable(ConfigTypeModel type, JsonValueModel value, string keyPrefix)
    {
        foreach (var (member, property) in type.Members.Zip(value.Properties, (m, p) => (m, p)))
        {
            if (member.Type.Kind == ValueKind.Record)
            {
                ReportUninferable(member.Type.Record!, property.Value, keyPrefix + property.Name + ".");
            }
            else if (member.Default is null)
            {
                JsonValueBinder.Bind(property.Value, member.Type, keyPrefix + property.Name, this);
            }
        }
    }

    public void Misfit(JsonValueModel value, string key, TypeModel type) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConfigFileValueType, value.Location, Describe(value), key, _file, type.Display));

    public void UnknownKey(JsonPropertyModel property, string key, IEnumerable<string> candidates) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConfigFileKey, property.NameLocation, key, _file, Suggestions.DidYouMean(key, candidates)));

    public void DerivedKey(JsonPropertyModel property, string key) =>
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DerivedKeyInConfigFile, property.NameLocation, key, _file));

    private void ReportUnknownKeys(JsonValueModel root)
    {
        foreach (var property in root.Properties)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConfigFileKey, property.NameLocation, property.Name, _file, string.Empty));
        }
    }

    private FunctionModel BindParameters(ConfigTypeModel config, FunctionModel function)
    {
        var parameters = function.Parameters.Select(parameter =>
            parameter.Binding == ParameterBinding.ConfigKey ? BindParameter(config, function, parameter) : parameter);
        return function with { Parameters = parameters.ToEquatableArray() };
    }

    private ParameterModel BindParameter(ConfigTypeModel config, FunctionModel function, ParameterModel parameter)
    {
        if (parameter.Type is { } type && WholeConfig(config, type) is { } whole)
        {
            return whole == _owner.FullName
                ? parameter with { Binding = ParameterBinding.Config }
                : parameter with { Binding = ParameterBinding.IngredientConfig, Ingredient = whole };
        }

        var site = new SourceSite(_owner.MetadataName, SourceSiteKind.Parameter, function.MethodName, parameter.Name);
        var path = ConfigKeys.Resolve(config, parameter.Key);
        if (path is null)
        {
            var suggestion = Suggestions.DidYouMean(parameter.Key, ConfigKeys.All(config, string.Empty));
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownParameterKey, site, parameter.Name, function.MethodName, parameter.Key, suggestion));
            return parameter;
        }

        var keyType = path[path.Count - 1].Type;
        if (parameter.Type is null || !ValueFit.Fits(keyType, parameter.Type))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterTypeMismatch, site, parameter.Name, function.MethodName, parameter.TypeDisplay, parameter.Key, keyType.Display));
            return parameter;
        }

        return parameter with { PropertyPath = path.Select(m => m.PropertyName).ToEquatableArray() };
    }

    /// <summary>
    /// The owner (or ingredient) whose whole config a parameter of <paramref name="type"/> receives, whatever its
    /// name; null when the type is no owner's config record.
    /// </summary>
    private string? WholeConfig(ConfigTypeModel config, TypeModel type)
    {
        var root = new TypeModel(ValueKind.Record, config.FullName, config.Name, false, config.IsValueType, null, EquatableArray<string>.Empty, config);
        if (ValueFit.Fits(root, type))
        {
            return _owner.FullName;
        }

        return _owner.Ingredients.FirstOrDefault(i => type.Kind == ValueKind.Record
            ? type.FullName == i.ConfigFullName && !type.IsNullable
            : type.Kind == ValueKind.Unresolved && i.ConfigFullName.EndsWith("." + type.FullName, StringComparison.Ordinal))?.FullName;
    }

    private static string Describe(JsonValueModel value) => value.Kind switch
    {
        JsonValueKind.String => "\"" + value.Text + "\"",
        JsonValueKind.Number => value.Text!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "(array)",
        _ => "(object)",
    };
}
