using System.Linq;
using Microsoft.CodeAnalysis;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>
/// Maps a member or parameter type to a <see cref="TypeModel"/>, or null when the CLI cannot parse it. A type
/// that is not in the compilation (yet) becomes <see cref="ValueKind.Unresolved"/>.
/// </summary>
internal sealed class TypeParser
{
    private readonly ConfigSchemaParser _schemas;

    public TypeParser(ConfigSchemaParser schemas) => _schemas = schemas;

    public TypeModel? Parse(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            var written = type.ToDisplayString(Symbols.Short);
            return new TypeModel(ValueKind.Unresolved, written, written, false, false, null, EquatableArray<string>.Empty, null);
        }

        var nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            nullable = true;
            type = wrapper.TypeArguments[0];
        }
        else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            nullable = true;
        }

        var display = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Symbols.Short) + (nullable ? "?" : string.Empty);
        var fullName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Symbols.FullyQualified);
        var kind = Scalar(type);
        if (kind is not null)
        {
            var members = kind == ValueKind.Enum
                ? type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name).ToEquatableArray()
                : EquatableArray<string>.Empty;
            return new TypeModel(kind.Value, fullName, display, nullable, type.IsValueType, null, members, null);
        }

        var parsable = Parsable(type);
        if (parsable is not null)
        {
            return new TypeModel(parsable.Value, fullName, display, nullable, type.IsValueType, null, EquatableArray<string>.Empty, null);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return Collection(ValueKind.Array, array.ElementType, fullName, display, nullable);
        }

        if (type is INamedTypeSymbol named)
        {
            var list = Symbols.Is(named, KnownTypes.List) ? ValueKind.List
                : Symbols.Is(named, KnownTypes.IList) ? ValueKind.IList
                : Symbols.Is(named, KnownTypes.IReadOnlyList) ? ValueKind.IReadOnlyList
                : (ValueKind?)null;
            if (list is not null)
            {
                return Collection(list.Value, named.TypeArguments[0], fullName, display, nullable);
            }

            if (named.IsRecord || Symbols.GetAttribute(named, KnownTypes.Config) is not null)
            {
                var record = nullable ? null : _schemas.ParseNested(named);
                return record is null
                    ? null
                    : new TypeModel(ValueKind.Record, fullName, display, nullable, named.IsValueType, null, EquatableArray<string>.Empty, record);
            }
        }

        return null;
    }

    private TypeModel? Collection(ValueKind kind, ITypeSymbol elementType, string fullName, string display, bool nullable)
    {
        var element = Parse(elementType);
        // A record element is built from JSON with new() and with-expressions, so it needs a parameterless constructor.
        if (element is null || element.IsSequence || element.Kind == ValueKind.Unresolved || (element.IsNullable && element.IsValueType)
            || (element.Kind == ValueKind.Record && !element.Record!.HasParameterlessConstructor))
        {
            return null;
        }

        return new TypeModel(kind, fullName, display, nullable, false, element, EquatableArray<string>.Empty, null);
    }

    /// <summary>Uri, or a type that parses itself: <c>T : IParsable&lt;T&gt;</c>, a number when <c>T : INumberBase&lt;T&gt;</c>.</summary>
    private static ValueKind? Parsable(ITypeSymbol type)
    {
        if (Symbols.Is(type, KnownTypes.Uri))
        {
            return ValueKind.Uri;
        }

        bool Implements(string metadataName) => type.AllInterfaces.Any(i =>
            Symbols.Is(i, metadataName) && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type));
        return !Implements(KnownTypes.Parsable) ? null
            : Implements(KnownTypes.NumberBase) ? ValueKind.ParsableNumber
            : ValueKind.Parsable;
    }

    private static ValueKind? Scalar(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return ValueKind.Boolean;
            case SpecialType.System_Int32: return ValueKind.Int32;
            case SpecialType.System_Int64: return ValueKind.Int64;
            case SpecialType.System_Single: return ValueKind.Single;
            case SpecialType.System_Double: return ValueKind.Double;
            case SpecialType.System_Decimal: return ValueKind.Decimal;
            case SpecialType.System_String: return ValueKind.String;
            case SpecialType.System_DateTime: return ValueKind.DateTime;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ValueKind.Enum;
        }

        return Symbols.Is(type, KnownTypes.TimeSpan) ? ValueKind.TimeSpan : null;
    }
}
