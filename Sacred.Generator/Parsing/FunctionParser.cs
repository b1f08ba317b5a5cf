using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Sacred.Cli;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>Parses main, command and captured functions and binds their parameters to config keys.</summary>
internal sealed class FunctionParser
{
    private static readonly SymbolDisplayFormat SignatureFormat = new(
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol? _config;
    private readonly TypeParser _types;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly List<PendingParameterCheck> _pending;

    public FunctionParser(Compilation compilation, INamedTypeSymbol? config, TypeParser types, List<DiagnosticInfo> diagnostics, List<PendingParameterCheck> pending)
    {
        _compilation = compilation;
        _config = config;
        _types = types;
        _diagnostics = diagnostics;
        _pending = pending;
    }

    /// <summary>True when the schema comes from a JSON file, so key parameters are bound later.</summary>
    public bool SchemaFromFile { get; init; }

    public FunctionModel? Parse(IMethodSymbol method, FunctionKind kind, string name, string? doc, string? prefix)
    {
        if (!method.IsStatic || method.IsGenericMethod)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFunction, Locations.ToInfo(method.Locations.FirstOrDefault()), method.Name, kind.ToString().ToLowerInvariant()));
            return null;
        }

        var parameters = new List<ParameterModel>();
        var ok = true;
        foreach (var parameter in method.Parameters)
        {
            var bound = Bind(method, parameter, prefix);
            if (bound is null)
            {
                ok = false;
                continue;
            }

            parameters.Add(bound);
        }

        if (!ok)
        {
            return null;
        }

        var (shape, resultType) = ReturnShapeOf(method.ReturnType);
        var result = resultType is null ? null : _types.Parse(resultType);
        if (result?.Kind == ValueKind.Record)
        {
            result = null;
        }

        return new FunctionModel(
            method.Name,
            kind,
            name,
            doc,
            Symbols.Accessibility(method),
            method.ReturnsVoid ? "void" : method.ReturnType.ToDisplayString(Symbols.FullyQualified),
            shape,
            result,
            method.ToDisplayString(SignatureFormat),
            parameters.ToEquatableArray());
    }

    private ParameterModel? Bind(IMethodSymbol method, IParameterSymbol parameter, string? prefix)
    {
        var type = parameter.Type;
        if (Symbols.Is(type, KnownTypes.Run))
        {
            return Special(parameter, ParameterBinding.Run);
        }

        if (Symbols.Is(type, KnownTypes.CancellationToken))
        {
            return Special(parameter, ParameterBinding.CancellationToken);
        }

        if (Symbols.Is(type, KnownTypes.Logger))
        {
            return Special(parameter, ParameterBinding.Logger);
        }

        if (Symbols.Is(type, KnownTypes.Random))
        {
            return Special(parameter, ParameterBinding.Random);
        }

        var key = (string.IsNullOrEmpty(prefix) ? string.Empty : prefix + ".") + KeyNaming.ToSnakeCase(parameter.Name);
        if (key == "seed" && type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64)
        {
            return Special(parameter, ParameterBinding.Seed);
        }

        if (SchemaFromFile)
        {
            _pending.Add(new PendingParameterCheck(
                method.Name,
                parameter.Name,
                key,
                type.ToDisplayString(Symbols.Short),
                type.ToDisplayString(Symbols.FullyQualified),
                Locations.ToInfo(parameter.Locations.FirstOrDefault())));
            return new ParameterModel(parameter.Name, ParameterBinding.ConfigKey, EquatableArray<string>.Empty);
        }

        var path = new List<string>();
        ITypeSymbol? current = _config;
        foreach (var segment in key.Split('.'))
        {
            var property = current is INamedTypeSymbol named
                ? ConfigSchemaParser.ConfigProperties(named).FirstOrDefault(p => KeyOf(p) == segment)
                : null;
            if (property is null)
            {
                var suggestion = Suggestions.DidYouMean(key, AllKeys(_config, string.Empty));
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownParameterKey, Locations.ToInfo(parameter.Locations.FirstOrDefault()), parameter.Name, method.Name, key, suggestion));
                return null;
            }

            path.Add(property.Name);
            current = property.Type;
        }

        var conversion = _compilation.ClassifyCommonConversion(current!, type);
        if (!conversion.IsImplicit)
        {
            _diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ParameterTypeMismatch,
                Locations.ToInfo(parameter.Locations.FirstOrDefault()),
                parameter.Name,
                method.Name,
                type.ToDisplayString(Symbols.Short),
                key,
                current!.ToDisplayString(Symbols.Short)));
            return null;
        }

        return new ParameterModel(parameter.Name, ParameterBinding.ConfigKey, path.ToEquatableArray());
    }

    private static ParameterModel Special(IParameterSymbol parameter, ParameterBinding binding) =>
        new(parameter.Name, binding, EquatableArray<string>.Empty);

    private static string KeyOf(IPropertySymbol property)
    {
        var attribute = Symbols.GetAttribute(property, KnownTypes.Key);
        return attribute is null ? KeyNaming.ToSnakeCase(property.Name) : Symbols.ConstructorString(attribute, 0) ?? property.Name;
    }

    private static IEnumerable<string> AllKeys(INamedTypeSymbol? type, string prefix)
    {
        if (type is null)
        {
            yield break;
        }

        foreach (var property in ConfigSchemaParser.ConfigProperties(type))
        {
            var key = prefix + KeyOf(property);
            yield return key;
            if (property.Type is INamedTypeSymbol nested && Symbols.GetAttribute(nested, KnownTypes.Config) is not null && prefix.Length < 200)
            {
                foreach (var inner in AllKeys(nested, key + "."))
                {
                    yield return inner;
                }
            }
        }
    }

    private static (ReturnShape Shape, ITypeSymbol? Result) ReturnShapeOf(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return (ReturnShape.Void, null);
        }

        if (type is INamedTypeSymbol named)
        {
            if (Symbols.Is(named, KnownTypes.Task))
            {
                return (ReturnShape.Task, null);
            }

            if (Symbols.Is(named, KnownTypes.ValueTask))
            {
                return (ReturnShape.ValueTask, null);
            }

            if (Symbols.Is(named, KnownTypes.TaskOfT))
            {
                return (ReturnShape.TaskOfValue, named.TypeArguments[0]);
            }

            if (Symbols.Is(named, KnownTypes.ValueTaskOfT))
            {
                return (ReturnShape.ValueTaskOfValue, named.TypeArguments[0]);
            }
        }

        return (ReturnShape.Value, type);
    }
}
