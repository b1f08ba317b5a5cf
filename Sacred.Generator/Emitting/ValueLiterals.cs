using System;
using System.Globalization;
using System.Linq;
using Sacred.Generator.Model;

namespace Sacred.Generator.Emitting;

/// <summary>C# expressions for compile-time config values.</summary>
internal static class ValueLiterals
{
    public static string Expression(ConfigValueModel value)
    {
        var type = value.Type;
        if (value.Text is null)
        {
            return "null";
        }

        if (type.IsSequence)
        {
            var element = ElementSyntax(type.Element!);
            var body = value.Items.Count == 0 ? "{ }" : "{ " + string.Join(", ", value.Items.Select(Expression)) + " }";
            return type.Kind == ValueKind.Array
                ? "new " + element + "[] " + body
                : "new global::System.Collections.Generic.List<" + element + "> " + body;
        }

        if (type.Kind == ValueKind.Record)
        {
            return value.Items.Count == 0
                ? "new " + type.FullName + "()"
                : "new " + type.FullName + " { " + string.Join(", ", value.Items.Select(m => m.Property + " = " + Expression(m))) + " }";
        }

        return type.Kind switch
        {
            ValueKind.Int64 => value.Text + "L",
            ValueKind.Single => value.Text + "F",
            ValueKind.Double => value.Text + "D",
            ValueKind.Decimal => decimal.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "M",
            ValueKind.String => CSharp.Literal(value.Text),
            ValueKind.Enum => type.FullName + "." + value.Text,
            ValueKind.Uri => "new global::System.Uri(" + CSharp.Literal(value.Text) + ", global::System.UriKind.RelativeOrAbsolute)",
            ValueKind.Parsable or ValueKind.ParsableNumber => "__SacredConstant<" + type.FullName + ">(" + CSharp.Literal(value.Text) + ")",
            ValueKind.TimeSpan => "global::System.TimeSpan.FromTicks("
                + TimeSpan.ParseExact(value.Text, "c", CultureInfo.InvariantCulture).Ticks.ToString(CultureInfo.InvariantCulture) + "L)",
            ValueKind.DateTime => DateTimeExpression(DateTime.Parse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)),
            _ => value.Text,
        };
    }

    /// <summary>Whether writing <paramref name="value"/> calls the generated <c>__SacredConstant</c> helper.</summary>
    public static bool NeedsConstantHelper(ConfigValueModel value) =>
        (value.Text is not null && value.Type.Kind is ValueKind.Parsable or ValueKind.ParsableNumber) || value.Items.Any(NeedsConstantHelper);

    /// <summary>An element type as written in generated code (nullable value types keep their <c>?</c>).</summary>
    private static string ElementSyntax(TypeModel type) => type.FullName + (type.IsNullable && type.IsValueType ? "?" : string.Empty);

    private static string DateTimeExpression(DateTime date) =>
        "new global::System.DateTime(" + date.Ticks.ToString(CultureInfo.InvariantCulture) + "L, global::System.DateTimeKind." + date.Kind + ")";
}
