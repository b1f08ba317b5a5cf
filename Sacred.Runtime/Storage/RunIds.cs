using System.Globalization;

namespace Sacred.Storage;

/// <summary>
/// Run ids. A given id that is a positive integer in canonical form (<c>7</c>, not <c>07</c> or <c>+7</c>) is the
/// run's numeric id; any other text is kept as the run's <c>custom_id</c>, and the run gets a fresh numeric id too.
/// </summary>
internal static class RunIds
{
    public static long? ParseNumeric(string id) =>
        id.Length is > 0 and <= 19
        && id[0] is >= '1' and <= '9'
        && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);
}
