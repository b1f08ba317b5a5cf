using System;
using System.Collections.Generic;
using System.Globalization;

namespace Sacred.Generator.Parsing.Json;

/// <summary>
/// An immutable JSON value together with its span in the source text.
/// </summary>
internal sealed class JsonNode
{
    private JsonNode(
        JsonKind kind,
        int start,
        int length,
        string? stringValue,
        string? numberText,
        IReadOnlyList<JsonNode> items,
        IReadOnlyList<JsonProperty> properties)
    {
        Kind = kind;
        Start = start;
        Length = length;
        StringValue = stringValue;
        NumberText = numberText;
        Items = items;
        Properties = properties;
    }

    public JsonKind Kind { get; }

    /// <summary>Offset of the first character of the value (a quote, bracket, brace, sign, digit or letter).</summary>
    public int Start { get; }

    /// <summary>Length of the whole value as written, including quotes, brackets and braces.</summary>
    public int Length { get; }

    /// <summary>Offset just past the value.</summary>
    public int End => Start + Length;

    /// <summary>The decoded string for <see cref="JsonKind.String"/>; otherwise null.</summary>
    public string? StringValue { get; }

    /// <summary>The raw number token for <see cref="JsonKind.Number"/> (e.g. <c>-0.5e-3</c>); otherwise null.</summary>
    public string? NumberText { get; }

    /// <summary>True for a number token without '.', 'e' or 'E'.</summary>
    public bool IsInteger =>
        NumberText is not null && NumberText.IndexOfAny(NonIntegerChars) < 0;

    /// <summary>The elements of an array (empty for any other kind).</summary>
    public IReadOnlyList<JsonNode> Items { get; }

    /// <summary>The members of an object in document order (empty for any other kind).</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    private static readonly char[] NonIntegerChars = { '.', 'e', 'E' };

    internal static JsonNode CreateLiteral(JsonKind kind, int start, int length) =>
        new(kind, start, length, null, null, Array.Empty<JsonNode>(), Array.Empty<JsonProperty>());

    internal static JsonNode CreateString(string value, int start, int length) =>
        new(JsonKind.String, start, length, value, null, Array.Empty<JsonNode>(), Array.Empty<JsonProperty>());

    internal static JsonNode CreateNumber(string text, int start, int length) =>
        new(JsonKind.Number, start, length, null, text, Array.Empty<JsonNode>(), Array.Empty<JsonProperty>());

    internal static JsonNode CreateArray(IReadOnlyList<JsonNode> items, int start, int length) =>
        new(JsonKind.Array, start, length, null, null, items, Array.Empty<JsonProperty>());

    internal static JsonNode CreateObject(IReadOnlyList<JsonProperty> properties, int start, int length) =>
        new(JsonKind.Object, start, length, null, null, Array.Empty<JsonNode>(), properties);

    /// <summary>The first property with exactly this (ordinal) name, or null. Keys are unique after a successful parse.</summary>
    public JsonProperty? FindProperty(string name)
    {
        foreach (JsonProperty property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>Parses an integer number token that fits in a <see cref="long"/>.</summary>
    public bool TryGetInt64(out long value)
    {
        if (Kind == JsonKind.Number && IsInteger)
        {
            return long.TryParse(NumberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        return false;
    }

    /// <summary>Parses any number token as a finite <see cref="double"/> (false on overflow to infinity).</summary>
    public bool TryGetDouble(out double value)
    {
        if (Kind == JsonKind.Number
            && double.TryParse(NumberText, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && !double.IsInfinity(value)
            && !double.IsNaN(value))
        {
            return true;
        }

        value = 0;
        return false;
    }

    public override string ToString() => Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.True => "true",
        JsonKind.False => "false",
        JsonKind.Number => NumberText ?? string.Empty,
        JsonKind.String => "\"" + StringValue + "\"",
        JsonKind.Array => "[" + Items.Count + " items]",
        _ => "{" + Properties.Count + " properties}",
    };
}
