using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>Parses main, command and captured functions and what each parameter asks for.</summary>
internal sealed class FunctionParser
{
    private static readonly SymbolDisplayFormat SignatureFormat = new(
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly TypeParser _types;
    private readonly List<DiagnosticInfo> _diagnostics;

    public FunctionParser(TypeParser types, List<DiagnosticInfo> diagnostics)
    {
        _types = types;
        _diagnostics = diagnostics;
    }

    public FunctionModel? Parse(IMethodSymbol method, FunctionKind kind, string name, string? doc, string? prefix)
    {
        if (!method.IsStatic || method.IsGenericMethod)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFunction, Locations.ToInfo(method.Locations.FirstOrDefault()), method.Name, kind.ToString().ToLowerInvariant()));
            return null;
        }

        var parameters = method.Parameters.Select(p => Parameter(p, prefix)).ToEquatableArray();
        var (shape, resultType) = ReturnShapeOf(method.ReturnType);
        var result = resultType is null ? null : _types.Parse(resultType);
        if (result?.Kind is ValueKind.Record or ValueKind.Unresolved)
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
            parameters);
    }

    /// <summary>
    /// The parameter's source: a service, the seed, or a config key with the parameter's type. Whether the key
    /// exists and its value fits is decided by the binding stage, once the schema is known.
    /// </summary>
    private ParameterModel Parameter(IParameterSymbol parameter, string? prefix)
    {
        var type = parameter.Type;
        var display = type.ToDisplayString(Symbols.Short);
        var service = Symbols.Is(type, KnownTypes.Run) ? ParameterBinding.Run
            : Symbols.Is(type, KnownTypes.CancellationToken) ? ParameterBinding.CancellationToken
            : Symbols.Is(type, KnownTypes.Logger) ? ParameterBinding.Logger
            : Symbols.Is(type, KnownTypes.Random) ? ParameterBinding.Random
            : (ParameterBinding?)null;
        if (service is not null)
        {
            return new ParameterModel(parameter.Name, service.Value, string.Empty, null, display, EquatableArray<string>.Empty);
        }

        var key = (string.IsNullOrEmpty(prefix) ? string.Empty : prefix + ".") + KeyNaming.ToSnakeCase(parameter.Name);
        if (key == "seed" && type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64)
        {
            return new ParameterModel(parameter.Name, ParameterBinding.Seed, key, null, display, EquatableArray<string>.Empty);
        }

        return new ParameterModel(parameter.Name, ParameterBinding.ConfigKey, key, _types.Parse(type), display, EquatableArray<string>.Empty);
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
