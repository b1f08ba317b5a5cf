using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>Converts between Roslyn locations and the model's <see cref="LocationInfo"/>.</summary>
internal static class Locations
{
    public static LocationInfo? ToInfo(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        var lines = location.GetLineSpan();
        return new LocationInfo(
            location.SourceTree.FilePath,
            location.SourceSpan.Start,
            location.SourceSpan.Length,
            lines.StartLinePosition.Line,
            lines.StartLinePosition.Character,
            lines.EndLinePosition.Line,
            lines.EndLinePosition.Character);
    }

    public static LocationInfo? ToInfo(SyntaxNode? node) => node is null ? null : ToInfo(node.GetLocation());

    public static Location ToLocation(LocationInfo? info)
    {
        if (info is null)
        {
            return Location.None;
        }

        return Location.Create(
            info.FilePath,
            new TextSpan(info.Start, info.Length),
            new LinePositionSpan(new LinePosition(info.StartLine, info.StartColumn), new LinePosition(info.EndLine, info.EndColumn)));
    }
}
