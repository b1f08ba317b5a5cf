namespace Sacred.Generator.Model;

/// <summary>A diagnostic to report: the descriptor's id, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(string id, LocationInfo? location, params string[] arguments) =>
        new(id, location, new EquatableArray<string>(arguments));
}
