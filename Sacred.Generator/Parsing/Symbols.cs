using System.Linq;
using Microsoft.CodeAnalysis;

namespace Sacred.Generator.Parsing;

/// <summary>Small symbol queries shared by the parsers.</summary>
internal static class Symbols
{
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static readonly SymbolDisplayFormat Short = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string MetadataName(ITypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString() + "." + type.MetadataName
            : type.MetadataName;

    public static bool Is(ITypeSymbol? type, string metadataName) =>
        type is not null && MetadataName(type.OriginalDefinition) == metadataName;

    public static AttributeData? GetAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && MetadataName(c) == metadataName);

    public static T? NamedArgument<T>(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is T value)
            {
                return value;
            }
        }

        return default;
    }

    public static string? ConstructorString(AttributeData attribute, int index) =>
        attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

    public static string Accessibility(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>The attribute's syntax, or failing that the symbol's first declaration, as a location.</summary>
    public static Location? AttributeLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

    /// <summary>The location of the attribute's constructor argument <paramref name="index"/>, if written.</summary>
    public static Location? ArgumentLocation(AttributeData attribute, int index)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax syntax
            && syntax.ArgumentList is { } list
            && list.Arguments.Count > index)
        {
            return list.Arguments[index].GetLocation();
        }

        return AttributeLocation(attribute);
    }
}
