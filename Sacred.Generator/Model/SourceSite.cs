namespace Sacred.Generator.Model;

/// <summary>What a <see cref="SourceSite"/> names.</summary>
internal enum SourceSiteKind
{
    /// <summary>A parameter: <see cref="SourceSite.Member"/> is the method, <see cref="SourceSite.Name"/> the parameter.</summary>
    Parameter,

    /// <summary>The path argument of a <c>[ConfigFile]</c> or <c>[NamedConfigFile]</c>: <see cref="SourceSite.Name"/> is the path.</summary>
    ConfigFileArgument,
}

/// <summary>
/// A place in C# source named by what is there, not by position, for diagnostics found after parsing (by the
/// binding stage). Models stay free of positions, so an edit that only moves code leaves them equal; the site
/// is turned into a location when, and only when, a diagnostic is reported.
/// </summary>
/// <param name="OwnerMetadataName">The experiment or ingredient class, e.g. <c>Demo.Mnist</c>.</param>
/// <param name="Kind">What is named.</param>
/// <param name="Member">The method, for a parameter.</param>
/// <param name="Name">The parameter name or the config file path.</param>
internal sealed record SourceSite(string OwnerMetadataName, SourceSiteKind Kind, string Member, string Name);
