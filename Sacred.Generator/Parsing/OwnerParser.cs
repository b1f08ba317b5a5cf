using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>Parses an <c>[Experiment]</c> or <c>[Ingredient]</c> class into an <see cref="OwnerModel"/>.</summary>
internal static class OwnerParser
{
    public static Result<OwnerModel> Parse(GeneratorAttributeSyntaxContext context, OwnerKind kind, CancellationToken cancellationToken)
    {
        if (RuntimeContract.Check(context, cancellationToken) is { } mismatch)
        {
            return new Result<OwnerModel>(null, new EquatableArray<DiagnosticInfo>(new[] { mismatch }));
        }

        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        var model = Parse(type, declaration, kind, context.SemanticModel.Compilation, diagnostics, cancellationToken);
        return new Result<OwnerModel>(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray());
    }

    private static OwnerModel? Parse(
        INamedTypeSymbol type,
        ClassDeclarationSyntax declaration,
        OwnerKind kind,
        Compilation compilation,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, Locations.ToInfo(declaration.Identifier.GetLocation()), type.Name));
            return null;
        }

        var attribute = Symbols.GetAttribute(type, kind == OwnerKind.Experiment ? KnownTypes.Experiment : KnownTypes.Ingredient);
        var name = attribute is null ? null : Symbols.ConstructorString(attribute, 0);
        name ??= KeyNaming.ToSnakeCase(type.Name);

        var schemas = new ConfigSchemaParser(diagnostics);
        var configType = type.GetTypeMembers().FirstOrDefault(t => Symbols.GetAttribute(t, KnownTypes.Config) is not null);
        var config = configType is null ? null : schemas.ParseRoot(configType);
        if (configType is not null && config is null)
        {
            return null;
        }

        var files = ConfigFiles(type);
        var schemaFromFile = configType is null && files.Any(f => f.NamedConfig is null);
        // A parameter's or result's type is only compared with the schema: what is wrong inside a record that is
        // not part of it is no error of this owner's.
        var functions = new FunctionParser(new ConfigSchemaParser(new List<DiagnosticInfo>()).Types, diagnostics);

        var parsedFunctions = new List<FunctionModel>();
        var namedConfigs = new List<NamedConfigModel>();
        var ok = true;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Symbols.GetAttribute(method, KnownTypes.NamedConfig) is { } named)
            {
                if (!IsNamedConfigSignature(method, configType, schemaFromFile))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidNamedConfig, Locations.ToInfo(method.Locations.FirstOrDefault()), method.Name, configType?.Name ?? "Config"));
                    ok = false;
                    continue;
                }

                var doc = Symbols.ConstructorString(named, 0) ?? DocComments.GetSummary(method);
                namedConfigs.Add(new NamedConfigModel(KeyNaming.ToSnakeCase(method.Name), doc, method.Name, EquatableArray<ConfigAssignmentModel>.Empty));
                continue;
            }

            if (TryParseFunction(method, functions, out var function))
            {
                if (function is null)
                {
                    ok = false;
                }
                else
                {
                    parsedFunctions.Add(function);
                }
            }
        }

        foreach (var file in files.Where(f => f.NamedConfig is not null))
        {
            namedConfigs.Add(new NamedConfigModel(file.NamedConfig!, file.Doc, null, EquatableArray<ConfigAssignmentModel>.Empty));
        }

        ok &= CheckUnique(parsedFunctions, namedConfigs, type, diagnostics);
        var ingredients = kind == OwnerKind.Experiment ? Ingredients(attribute, diagnostics, ref ok) : new List<IngredientReference>();
        if (!ok)
        {
            return null;
        }

        return new OwnerModel(
            kind,
            declaration.SyntaxTree.FilePath,
            type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.ToDisplayString(Symbols.FullyQualified),
            Symbols.MetadataName(type),
            Symbols.Accessibility(type),
            name,
            DocComments.GetSummary(declaration),
            attribute is not null && Symbols.NamedArgument<bool>(attribute, "AutoMain"),
            config,
            files.ToEquatableArray(),
            namedConfigs.ToEquatableArray(),
            parsedFunctions.ToEquatableArray(),
            ingredients.ToEquatableArray(),
            kind == OwnerKind.Experiment && TorchSharpReference.HasManualSeed(compilation),
            kind == OwnerKind.Experiment && MongoReference.HasObserverFactory(compilation));
    }

    /// <summary>True when the method is a main, command or captured function; <paramref name="model"/> is null if it is invalid.</summary>
    private static bool TryParseFunction(IMethodSymbol method, FunctionParser functions, out FunctionModel? model)
    {
        model = null;
        if (Symbols.GetAttribute(method, KnownTypes.Main) is not null)
        {
            model = functions.Parse(method, FunctionKind.Main, KeyNaming.ToSnakeCase(method.Name), DocComments.GetSummary(method), null);
            return true;
        }

        if (Symbols.GetAttribute(method, KnownTypes.Command) is { } command)
        {
            var name = Symbols.NamedArgument<string>(command, "Name") ?? KeyNaming.ToSnakeCase(method.Name);
            var doc = Symbols.ConstructorString(command, 0) ?? DocComments.GetSummary(method);
            model = functions.Parse(method, FunctionKind.Command, name, doc, null);
            return true;
        }

        if (Symbols.GetAttribute(method, KnownTypes.Captured) is { } captured)
        {
            var prefix = Symbols.NamedArgument<string>(captured, "Prefix");
            model = functions.Parse(method, FunctionKind.Captured, KeyNaming.ToSnakeCase(method.Name), DocComments.GetSummary(method), prefix);
            return true;
        }

        return false;
    }

    private static bool IsNamedConfigSignature(IMethodSymbol method, INamedTypeSymbol? config, bool schemaFromFile)
    {
        if (config is null)
        {
            // The record is generated from the JSON schema, so it is not in this compilation yet: match by name.
            return schemaFromFile && method.IsStatic && method.Parameters.Length == 1
                && method.Parameters[0].Type.Name == "Config" && method.ReturnType.Name == "Config";
        }

        return method.IsStatic
            && method.Parameters.Length == 1
            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), config)
            && SymbolEqualityComparer.Default.Equals(method.ReturnType.WithNullableAnnotation(NullableAnnotation.NotAnnotated), config);
    }

    private static List<ConfigFileReference> ConfigFiles(INamedTypeSymbol type)
    {
        var files = new List<ConfigFileReference>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is null)
            {
                continue;
            }

            var metadataName = Symbols.MetadataName(attribute.AttributeClass);
            var path = Symbols.ConstructorString(attribute, 0);
            if (path is null)
            {
                continue;
            }

            if (metadataName == KnownTypes.ConfigFile)
            {
                files.Add(new ConfigFileReference(path, null, null));
            }
            else if (metadataName == KnownTypes.NamedConfigFile)
            {
                var name = Symbols.NamedArgument<string>(attribute, "Name") ?? FileStem(path);
                var doc = Symbols.NamedArgument<string>(attribute, "Doc");
                files.Add(new ConfigFileReference(path, name, doc));
            }
        }

        return files;
    }

    private static string FileStem(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        var file = slash < 0 ? path : path.Substring(slash + 1);
        var dot = file.LastIndexOf('.');
        return dot <= 0 ? file : file.Substring(0, dot);
    }

    private static bool CheckUnique(List<FunctionModel> functions, List<NamedConfigModel> namedConfigs, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;
        var mains = functions.Where(f => f.Kind == FunctionKind.Main).ToList();
        foreach (var extra in mains.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleMains, Locations.ToInfo(MethodLocation(type, extra.MethodName)), extra.MethodName));
            ok = false;
        }

        foreach (var group in functions.Where(f => f.Kind != FunctionKind.Captured).GroupBy(f => f.Name).Where(g => g.Count() > 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, Locations.ToInfo(MethodLocation(type, group.Last().MethodName)), "Command", group.Key));
            ok = false;
        }

        foreach (var group in namedConfigs.GroupBy(n => n.Name).Where(g => g.Count() > 1))
        {
            var method = group.Last().MethodName;
            var location = method is null ? type.Locations.FirstOrDefault() : MethodLocation(type, method);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, Locations.ToInfo(location), "Named config", group.Key));
            ok = false;
        }

        return ok;
    }

    private static Location? MethodLocation(INamedTypeSymbol type, string methodName) =>
        type.GetMembers(methodName).LastOrDefault()?.Locations.FirstOrDefault();

    private static List<IngredientReference> Ingredients(AttributeData? attribute, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        var result = new List<IngredientReference>();
        if (attribute is null)
        {
            return result;
        }

        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key != "Ingredients" || pair.Value.Kind != TypedConstantKind.Array)
            {
                continue;
            }

            foreach (var item in pair.Value.Values)
            {
                if (item.Value is not INamedTypeSymbol ingredient)
                {
                    continue;
                }

                var ingredientAttribute = Symbols.GetAttribute(ingredient, KnownTypes.Ingredient);
                if (ingredientAttribute is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAnIngredient, Locations.ToInfo(TypeOfLocation(attribute, ingredient)), ingredient.Name));
                    ok = false;
                    continue;
                }

                var fullName = ingredient.ToDisplayString(Symbols.FullyQualified);
                result.Add(new IngredientReference(
                    fullName,
                    Symbols.ConstructorString(ingredientAttribute, 0) ?? KeyNaming.ToSnakeCase(ingredient.Name),
                    ConfigTypeName(ingredient, fullName)));
            }
        }

        return result;
    }

    /// <summary>The config record's full name: declared, generated from a JSON schema, or the generated empty one.</summary>
    private static string ConfigTypeName(INamedTypeSymbol owner, string ownerFullName)
    {
        var declared = owner.GetTypeMembers().FirstOrDefault(t => Symbols.GetAttribute(t, KnownTypes.Config) is not null);
        if (declared is not null)
        {
            return declared.ToDisplayString(Symbols.FullyQualified);
        }

        var fromFile = owner.GetAttributes().Any(a => a.AttributeClass is { } c && Symbols.MetadataName(c) == KnownTypes.ConfigFile);
        return ownerFullName + (fromFile ? ".Config" : "." + EmptyConfigName);
    }

    public const string EmptyConfigName = "__SacredEmptyConfig";

    private static Location? TypeOfLocation(AttributeData attribute, INamedTypeSymbol target)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax();
        var typeOf = syntax?.DescendantNodes().OfType<TypeOfExpressionSyntax>()
            .FirstOrDefault(t => t.Type.ToString() == target.Name || t.Type.ToString().EndsWith("." + target.Name, System.StringComparison.Ordinal));
        return typeOf?.GetLocation() ?? syntax?.GetLocation();
    }
}
