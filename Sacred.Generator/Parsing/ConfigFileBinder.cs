using System;
using System.Collections.Generic;
using System.Linq;
using Sacred.Cli;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>
/// Applies an owner's config files to its schema: checks every key and value against the schema (or infers the
/// schema from the first file), turns values into C# expressions, and binds parameters that waited for the schema.
/// Works on models only.
/// </summary>
internal sealed class ConfigFileBinder
{
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly EquatableArray<JsonFileModel> _files;

    private ConfigFileBinder(EquatableArray<JsonFileModel> files) => _files = files;

    public static Result<GenerationModel> Bind(Result<OwnerModel> owner, EquatableArray<JsonFileModel> files)
    {
        if (owner.Value is null)
        {
            return new Result<GenerationModel>(null, owner.Diagnostics);
        }

        var binder = new ConfigFileBinder(files);
        binder._diagnostics.AddRange(owner.Diagnostics);
        var model = binder.Bind(owner.Value);
        var failed = binder._diagnostics.Count > owner.Diagnostics.Count;
        return new Result<GenerationModel>(failed ? null : model, binder._diagnostics.ToEquatableArray());
    }

    private GenerationModel Bind(OwnerModel owner)
    {
        var config = owner.Config;
        var defaults = new List<ConfigAssignmentModel>();
        foreach (var reference in owner.ConfigFiles.Where(f => f.NamedConfig is null))
        {
            var root = Load(reference);
            if (root is null)
            {
                continue;
            }

            if (config is null)
            {
                config = SchemaInference.Infer(owner.FullName, root);
                continue;
            }

            Assign(config, root, new List<string>(), string.Empty, reference.Path, defaults);
        }

        var namedConfigs = new List<NamedConfigModel>();
        foreach (var named in owner.NamedConfigs)
        {
            if (named.MethodName is not null)
            {
                namedConfigs.Add(named);
                continue;
            }

            var reference = owner.ConfigFiles.First(f => f.NamedConfig == named.Name);
            var root = Load(reference);
            var assignments = new List<ConfigAssignmentModel>();
            if (root is not null)
            {
                if (config is null)
                {
                    ReportUnknownKeys(root, reference.Path);
                }
                else
                {
                    Assign(config, root, new List<string>(), string.Empty, reference.Path, assignments);
                }
            }

            namedConfigs.Add(named with { Assignments = assignments.ToEquatableArray() });
        }

        config ??= new ConfigTypeModel(owner.FullName + "." + OwnerParser.EmptyConfigName, OwnerParser.EmptyConfigName, EquatableArray<ConfigMemberModel>.Empty, true, IsGenerated: true);
        var functions = owner.PendingChecks.Count == 0
            ? owner.Functions
            : owner.Functions.Select(f => BindPending(owner, config, f)).ToEquatableArray();
        return new GenerationModel(owner, config, defaults.ToEquatableArray(), namedConfigs.ToEquatableArray(), functions);
    }

    private JsonValueModel? Load(ConfigFileReference reference)
    {
        var file = Find(reference.Path);
        if (file is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConfigFileNotFound, reference.Location, reference.Path));
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

    private void Assign(ConfigTypeModel type, JsonValueModel value, List<string> path, string keyPrefix, string file, List<ConfigAssignmentModel> output)
    {
        foreach (var property in value.Properties)
        {
            var key = keyPrefix + property.Name;
            var member = type.Members.FirstOrDefault(m => m.Key == property.Name);
            if (member is null)
            {
                var suggestion = Suggestions.DidYouMean(key, AllKeys(type, keyPrefix));
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConfigFileKey, property.NameLocation, key, file, suggestion));
                continue;
            }

            if (member.IsDerived)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DerivedKeyInConfigFile, property.NameLocation, key, file));
                continue;
            }

            var memberPath = new List<string>(path) { member.PropertyName };
            if (member.Type.Kind == ValueKind.Record && property.Value.Kind == JsonValueKind.Object)
            {
                Assign(member.Type.Record!, property.Value, memberPath, key + ".", file, output);
                continue;
            }

            var expression = JsonLiterals.ToExpression(member.Type, property.Value);
            if (expression is null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConfigFileValueType, property.Value.Location, Describe(property.Value), key, file, member.Type.Display));
                continue;
            }

            output.Add(new ConfigAssignmentModel(memberPath.ToEquatableArray(), expression));
        }
    }

    private void ReportUnknownKeys(JsonValueModel root, string file)
    {
        foreach (var property in root.Properties)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConfigFileKey, property.NameLocation, property.Name, file, string.Empty));
        }
    }

    private FunctionModel BindPending(OwnerModel owner, ConfigTypeModel? config, FunctionModel function)
    {
        var parameters = function.Parameters.Select(parameter =>
        {
            var check = owner.PendingChecks.FirstOrDefault(c => c.FunctionName == function.MethodName && c.ParameterName == parameter.Name);
            if (check is null)
            {
                return parameter;
            }

            var path = new List<string>();
            var type = (TypeModel?)null;
            var current = config;
            foreach (var segment in check.Key.Split('.'))
            {
                var member = current?.Members.FirstOrDefault(m => m.Key == segment);
                if (member is null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownParameterKey, check.Location, check.ParameterName, check.FunctionName, check.Key, Suggestions.DidYouMean(check.Key, AllKeys(config, string.Empty))));
                    return parameter;
                }

                path.Add(member.PropertyName);
                type = member.Type;
                current = member.Type.Record;
            }

            if (!Fits(type!, check))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterTypeMismatch, check.Location, check.ParameterName, check.FunctionName, check.TypeDisplay, check.Key, type!.Display));
            }

            return parameter with { PropertyPath = path.ToEquatableArray() };
        });
        return function with { Parameters = parameters.ToEquatableArray() };
    }

    private static bool Fits(TypeModel type, PendingParameterCheck check)
    {
        var wanted = check.TypeFullName.TrimEnd('?');
        if (wanted == type.FullName || wanted == type.Display.TrimEnd('?'))
        {
            return true;
        }

        if (type.Kind == ValueKind.Record)
        {
            return wanted == type.Record!.Name || wanted.EndsWith("." + type.Record!.Name, StringComparison.Ordinal);
        }

        var widening = type.Kind switch
        {
            ValueKind.Int32 => new[] { "long", "float", "double", "decimal" },
            ValueKind.Int64 => new[] { "float", "double", "decimal" },
            ValueKind.Single => new[] { "double" },
            _ => Array.Empty<string>(),
        };
        return widening.Contains(wanted);
    }

    private static IEnumerable<string> AllKeys(ConfigTypeModel? type, string prefix)
    {
        if (type is null)
        {
            yield break;
        }

        foreach (var member in type.Members)
        {
            yield return prefix + member.Key;
            foreach (var inner in AllKeys(member.Type.Record, prefix + member.Key + "."))
            {
                yield return inner;
            }
        }
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
