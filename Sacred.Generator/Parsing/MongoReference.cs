using System.Linq;
using Microsoft.CodeAnalysis;

namespace Sacred.Generator.Parsing;

/// <summary>
/// Decides at compile time whether the experiment can record to MongoDB (<c>-m</c>), so that the runtime needs no
/// reflection to find the optional Sacred.Mongo assembly: generated code hands its factory over.
/// </summary>
internal static class MongoReference
{
    /// <summary>
    /// True when a referenced assembly named Sacred.Mongo (not the project itself) has the public
    /// <c>Sacred.Mongo.MongoObserverFactory.Instance</c> the generated override returns.
    /// </summary>
    public static bool HasObserverFactory(Compilation compilation)
    {
        var factory = compilation.GetTypeByMetadataName(KnownTypes.MongoObserverFactory);
        return factory is not null
            && factory.ContainingAssembly.Name == KnownTypes.MongoAssembly
            && !SymbolEqualityComparer.Default.Equals(factory.ContainingAssembly, compilation.Assembly)
            && factory.DeclaredAccessibility == Accessibility.Public
            && factory.GetMembers("Instance").OfType<IPropertySymbol>().Any(property =>
                property.IsStatic && property.DeclaredAccessibility == Accessibility.Public);
    }
}
