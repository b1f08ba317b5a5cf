using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>Turns a <c>[Config]</c> record into a <see cref="ConfigTypeModel"/>, reporting what blocks generation.</summary>
internal sealed class ConfigSchemaParser
{
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly HashSet<string> _inProgress = new();
    private readonly Dictionary<string, ConfigTypeModel?> _parsed = new();
    private readonly TypeParser _types;

    public ConfigSchemaParser(List<DiagnosticInfo> diagnostics)
    {
        _diagnostics = diagnostics;
        _types = new TypeParser(this);
    }

    public TypeParser Types => _types;

    public ConfigTypeModel? ParseRoot(INamedTypeSymbol type) => Parse(type, isRoot: true);

    public ConfigTypeModel? ParseNested(INamedTypeSymbol type) => Parse(type, isRoot: false);

    private ConfigTypeModel? Parse(INamedTypeSymbol type, bool isRoot)
    {
        var fullName = type.ToDisplayString(Symbols.FullyQualified);
        if (_parsed.TryGetValue(fullName, out var done))
        {
            return done;
        }

        if (!_inProgress.Add(fullName))
        {
            return null;
        }

        try
        {
            var model = ParseMembers(type, fullName, isRoot);
            _parsed[fullName] = model;
            return model;
        }
        finally
        {
            _inProgress.Remove(fullName);
        }
    }

    private ConfigTypeModel? ParseMembers(INamedTypeSymbol type, string fullName, bool isRoot)
    {
        if (!CheckDeclaration(type))
        {
            return null;
        }

        var members = new List<ConfigMemberModel>();
        var owners = new Dictionary<string, string>();
        if (isRoot)
        {
            owners["seed"] = "the built-in seed";
        }

        foreach (var property in ConfigProperties(type))
        {
            var keyAttribute = Symbols.GetAttribute(property, KnownTypes.Key);
            var key = keyAttribute is null ? KeyNaming.ToSnakeCase(property.Name) : Symbols.ConstructorString(keyAttribute, 0) ?? property.Name;
            if (owners.TryGetValue(key, out var owner))
            {
                var at = keyAttribute is null ? property.Locations.FirstOrDefault() : Symbols.ArgumentLocation(keyAttribute, 0);
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, Locations.ToInfo(at), key, owner, type.Name + "." + property.Name));
                continue;
            }

            owners[key] = type.Name + "." + property.Name;
            var model = _types.Parse(property.Type);
            if (model is null || model.Kind == ValueKind.Unresolved)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMemberType, Locations.ToInfo(TypeSyntaxLocation(property)), key, property.Type.ToDisplayString(Symbols.Short)));
                continue;
            }

            members.Add(new ConfigMemberModel(property.Name, key, DocComments.GetSummary(property), property.SetMethod is null, model, null));
        }

        var hasParameterless = type.IsValueType || type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility != Accessibility.Private);
        return new ConfigTypeModel(fullName, type.Name, members.ToEquatableArray(), hasParameterless, IsGenerated: false, type.IsValueType);
    }

    /// <summary>Public instance properties, base records first, in declaration order.</summary>
    public static IEnumerable<IPropertySymbol> ConfigProperties(INamedTypeSymbol type)
    {
        var chain = new Stack<INamedTypeSymbol>();
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            chain.Push(t);
        }

        foreach (var t in chain)
        {
            foreach (var property in t.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.DeclaredAccessibility == Accessibility.Public && !property.IsStatic && !property.IsIndexer
                    && property.Name != "EqualityContract" && property.OverriddenProperty is null)
                {
                    yield return property;
                }
            }
        }
    }

    private bool CheckDeclaration(INamedTypeSymbol type)
    {
        var ok = true;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax declaration)
            {
                if (!type.IsRecord)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConfigMustBeRecord, Locations.ToInfo(declaration.Identifier.GetLocation()), type.Name));
                    return false;
                }

                if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) && Symbols.GetAttribute(type, KnownTypes.Config) is not null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, Locations.ToInfo(declaration.Identifier.GetLocation()), type.Name));
                    ok = false;
                }
            }
        }

        return ok;
    }

    private static Location? TypeSyntaxLocation(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax syntax)
            {
                return syntax.Type.GetLocation();
            }
        }

        return property.Locations.FirstOrDefault();
    }
}
