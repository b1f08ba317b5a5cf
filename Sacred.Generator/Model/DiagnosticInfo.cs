using Microsoft.CodeAnalysis;

namespace Sacred.Generator.Model;

/// <summary>
/// A diagnostic to report: which descriptor (by its id, looked up again in <c>DiagnosticDescriptors</c> when
/// reported), where, and the message arguments. Created only from a descriptor, never from a bare id.
/// </summary>
/// <param name="DescriptorId">The descriptor's id, e.g. <c>SACRED006</c>.</param>
/// <param name="Location">Where it is reported, for diagnostics found while parsing or in a JSON file.</param>
/// <param name="Site">Where it is reported, for C# places found by the binding stage.</param>
/// <param name="Arguments">The message's format arguments.</param>
internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, SourceSite? Site, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, null, new EquatableArray<string>(arguments));

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSite site, params string[] arguments) =>
        new(descriptor.Id, null, site, new EquatableArray<string>(arguments));
}
