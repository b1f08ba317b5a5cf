using System.Text.RegularExpressions;

namespace Sacred.Board.Compare;

/// <summary>
/// Masks what differs between two otherwise identical runs' output lines: dates and times of day (ISO 8601 and
/// <c>HH:MM:SS</c>, with fractions and zones) and elapsed times such as <c>1.23s</c> or <c>450 ms</c>.
/// </summary>
internal static partial class TimestampMask
{
    public const string Placeholder = "<time>";

    public static string Apply(string line) => Pattern().Replace(line, Placeholder);

    [GeneratedRegex(
        @"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b|\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
