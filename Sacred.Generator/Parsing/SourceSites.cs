using System.Linq;
using Microsoft.CodeAnalysis;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>Finds the location a <see cref="SourceSite"/> names, in the compilation being reported on.</summary>
internal static class SourceSites
{
    public static Location Resolve(Compilation compilation, SourceSite site)
    {
        var owner = compilation.GetTypeByMetadataName(site.OwnerMetadataName);
        var location = owner is null ? null : site.Kind switch
        {
            SourceSiteKind.Parameter => owner.GetMembers(site.Member).OfType<IMethodSymbol>()
                .SelectMany(m => m.Parameters)
                .FirstOrDefault(p => p.Name == site.Name)?.Locations.FirstOrDefault(),
            _ => owner.GetAttributes()
                .Where(a => a.AttributeClass is { } c && Symbols.MetadataName(c) is KnownTypes.ConfigFile or KnownTypes.NamedConfigFile)
                .Where(a => Symbols.ConstructorString(a, 0) == site.Name)
                .Select(a => Symbols.ArgumentLocation(a, 0))
                .FirstOrDefault(),
        };
        return location ?? owner?.Locations.FirstOrDefault() ?? Location.None;
    }
}
