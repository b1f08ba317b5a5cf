using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>Turns a JSON value into a C# expression of a config type, or null when it does not fit.</summary>
internal static class JsonLiterals
{
    public static string? ToExpression(TypeModel type, JsonValueModel value)
    {
        if (value.Kind == JsonValueKind.Null)
        {
            return type.IsNullable ? "null" : null;
        }

        switch (type.Kind)
        {
            case ValueKind.Boolean:
                return value.Kind switch { JsonValueKind.True => "true", JsonValueKind.False => "false", _ => null };
            case ValueKind.Int32:
                return Integer(value, text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), string.Empty);
            case ValueKind.Int64:
                return Integer(value, text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), "L");
            case ValueKind.Single:
                return Real(value, "F");
            case ValueKind.Double:
                return Real(value, "D");
            case ValueKind.Decimal:
                return value.Kind == JsonValueKind.Number && decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number.ToString(CultureInfo.InvariantCulture) + "M"
                    : null;
            case ValueKind.String:
                return value.Kind == JsonValueKind.String ? SymbolDisplay.FormatLiteral(value.Text!, quote: true) : null;
            case ValueKind.Enum:
                var member = value.Kind == JsonValueKind.String
                    ? type.EnumMembers.FirstOrDefault(m => string.Equals(m, value.Text, StringComparison.OrdinalIgnoreCase))
                    : null;
                return member is null ? null : type.FullName + "." + member;
            case ValueKind.TimeSpan:
                return value.Kind == JsonValueKind.String && TimeSpan.TryParse(value.Text, CultureInfo.InvariantCulture, out var span)
                    ? "global::System.TimeSpan.FromTicks(" + span.Ticks.ToString(CultureInfo.InvariantCulture) + "L)"
                    : null;
            case ValueKind.DateTime:
                return value.Kind == JsonValueKind.String && DateTime.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
                    ? "new global::System.DateTime(" + date.Ticks.ToString(CultureInfo.InvariantCulture) + "L, global::System.DateTimeKind." + date.Kind + ")"
                    : null;
            case ValueKind.List:
            case ValueKind.Array:
                return Collection(type, value);
            default:
                return null;
        }
    }

    /// <summary>The element type as written in generated code (nullable value types keep their <c>?</c>).</summary>
    public static string TypeSyntax(TypeModel type) => type.FullName + (type.IsNullable && type.IsValueType ? "?" : string.Empty);

    private static string? Collection(TypeModel type, JsonValueModel value)
    {
        if (value.Kind != JsonValueKind.Array)
        {
            return null;
        }

        var items = value.Items.Select(i => ToExpression(type.Element!, i)).ToList();
        if (items.Any(i => i is null))
        {
            return null;
        }

        var element = TypeSyntax(type.Element!);
        var body = items.Count == 0 ? "{ }" : "{ " + string.Join(", ", items) + " }";
        return type.Kind == ValueKind.Array
            ? "new " + element + "[] " + body
            : "new global::System.Collections.Generic.List<" + element + "> " + body;
    }

    private static string? Integer(JsonValueModel value, Func<string, bool> fits, string suffix) =>
        value.Kind == JsonValueKind.Number && value.IsInteger && fits(value.Text!) ? value.Text + suffix : null;

    private static string? Real(JsonValueModel value, string suffix) =>
        value.Kind == JsonValueKind.Number && double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && !double.IsInfinity(number)
            ? value.Text + suffix
            : null;
}
