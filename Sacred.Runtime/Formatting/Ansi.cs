namespace Sacred.Formatting;

/// <summary>The terminal colour codes Sacred's printers use.</summary>
internal static class Ansi
{
    public const string Red = "\x1b[31m";
    public const string Green = "\x1b[32m";
    public const string Blue = "\x1b[34m";
    public const string Dim = "\x1b[2m";
    public const string Reset = "\x1b[0m";

    /// <summary>Wraps <paramref name="text"/> in <paramref name="code"/> and a reset when colouring.</summary>
    public static string Paint(string text, string code, bool color) => color ? code + text + Reset : text;
}
