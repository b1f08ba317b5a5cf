using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sacred.Generator.Model;
using Sacred.Generator.Parsing;

namespace Sacred.Generator.Binding;

/// <summary>
/// Turns a JSON value into a <see cref="ConfigValueModel"/> of a key's type, or null when it does not fit. Numbers,
/// booleans and strings are checked with <see cref="ValueFit"/>; enum members, TimeSpans, DateTimes and Uris are
/// parsed from strings as the command line parses them; lists and arrays element by element. Other parsable
/// types (Guid, DateOnly, user types) take a JSON string (a number too, for number types), parsed when the
/// experiment starts: the generator cannot run a user type's parser.
/// </summary>
internal static class JsonValueBinder
{
    /// <summary>
    /// The value of <paramref name="json"/> as <paramref name="target"/>, or null when it does not fit; then, with a
    /// <paramref name="report"/>, each reason is reported at its element or member (<c>layers[1].width</c>).
    /// </summary>
    public static ConfigValueModel? Bind(JsonValueModel json, TypeModel target, string key = "", IBindingReport? report = null)
    {
        if (json.Kind == JsonValueKind.Null && target.IsNullable)
        {
            return new ConfigValueModel(target, null, EquatableArray<ConfigValueModel>.Empty);
        }

        if (target.IsSequence && json.Kind == JsonValueKind.Array)
        {
            return Sequence(json, target, key, report);
        }

        if (target.Kind == ValueKind.Record && json.Kind == JsonValueKind.Object)
        {
            return Record(json, target, key, report);
        }

        var value = target.IsSequence || target.Kind == ValueKind.Record ? null : Scalar(json, target);
        if (value is null)
        {
            report?.Misfit(json, key, target);
        }

        return value;
    }

    private static ConfigValueModel? Scalar(JsonValueModel json, TypeModel target) => json.Kind == JsonValueKind.Null ? null : target.Kind switch
    {
        ValueKind.Enum => Text(json, target, text => target.EnumMembers.FirstOrDefault(m =>
            string.Equals(m, text, StringComparison.OrdinalIgnoreCase) || string.Equals(KeyNaming.ToSnakeCase(m), text, StringComparison.OrdinalIgnoreCase))),
        ValueKind.TimeSpan => Text(json, target, text =>
            TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span.ToString("c", CultureInfo.InvariantCulture) : null),
        ValueKind.DateTime => Text(json, target, text =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? date.ToString("O", CultureInfo.InvariantCulture) : null),
        ValueKind.Uri => Text(json, target, text => System.Uri.TryCreate(text, System.UriKind.RelativeOrAbsolute, out _) ? text : null),
        ValueKind.Parsable => Text(json, target, text => KnownFormat(target, text) ? text : null),
        ValueKind.ParsableNumber => json.Kind == JsonValueKind.Number
            ? (InIntegerRange(target, json) ? new ConfigValueModel(target, json.Text, EquatableArray<ConfigValueModel>.Empty) : null)
            : Text(json, target, text => text),
        ValueKind.Unresolved => null,
        _ => Literal(json, target),
    };

    /// <summary>The literal type of a JSON scalar: bool, int, long (beyond int), double (with a fraction or beyond long) or string.</summary>
    public static ValueKind? LiteralKind(JsonValueModel json) => json.Kind switch
    {
        JsonValueKind.True or JsonValueKind.False => ValueKind.Boolean,
        JsonValueKind.String => ValueKind.String,
        JsonValueKind.Number when json.IsInteger && int.TryParse(json.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => ValueKind.Int32,
        JsonValueKind.Number when json.IsInteger && long.TryParse(json.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => ValueKind.Int64,
        JsonValueKind.Number => ValueKind.Double,
        _ => null,
    };

    private static ConfigValueModel? Literal(JsonValueModel json, TypeModel target)
    {
        var kind = LiteralKind(json);
        if (kind is null || !ValueFit.FitsLiteral(kind.Value, target) || !InRange(json, target.Kind))
        {
            return null;
        }

        var text = kind == ValueKind.Boolean ? (json.Kind == JsonValueKind.True ? "true" : "false") : json.Text;
        return new ConfigValueModel(target, text, EquatableArray<ConfigValueModel>.Empty);
    }

    /// <summary>Real literals must stay finite in the key's type.</summary>
    private static bool InRange(JsonValueModel json, ValueKind target) => json.Kind != JsonValueKind.Number || target switch
    {
        ValueKind.Single => float.TryParse(json.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var single) && !float.IsInfinity(single),
        ValueKind.Double => double.TryParse(json.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number),
        ValueKind.Decimal => decimal.TryParse(json.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ => true,
    };

    /// <summary>The ranges of the integer types the generator knows; other number types are checked when the experiment starts.</summary>
    private static bool InIntegerRange(TypeModel target, JsonValueModel json)
    {
        var range = target.FullName switch
        {
            "byte" => (byte.MinValue, (decimal)byte.MaxValue),
            "sbyte" => (sbyte.MinValue, sbyte.MaxValue),
            "short" => (short.MinValue, short.MaxValue),
            "ushort" => (ushort.MinValue, ushort.MaxValue),
            "uint" => (uint.MinValue, uint.MaxValue),
            "ulong" => (ulong.MinValue, ulong.MaxValue),
            _ => ((decimal, decimal)?)null,
        };
        return range is not { } bounds
            || (json.IsInteger && decimal.TryParse(json.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                && number >= bounds.Item1 && number <= bounds.Item2);
    }

    /// <summary>Values of a type whose format the generator knows are checked now (Guid); others when the experiment starts.</summary>
    private static bool KnownFormat(TypeModel target, string text) =>
        target.FullName != "global::System.Guid" || Guid.TryParse(text, out _);

    private static ConfigValueModel? Text(JsonValueModel json, TypeModel target, Func<string, string?> parse)
    {
        var text = json.Kind == JsonValueKind.String ? parse(json.Text!) : null;
        return text is null ? null : new ConfigValueModel(target, text, EquatableArray<ConfigValueModel>.Empty);
    }

    private static ConfigValueModel? Sequence(JsonValueModel json, TypeModel target, string key, IBindingReport? report)
    {
        var items = json.Items.Select((item, i) => Bind(item, target.Element!, key + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", report)).ToList();
        return items.Any(i => i is null)
            ? null
            : new ConfigValueModel(target, string.Empty, items.Select(i => i!).ToEquatableArray());
    }

    /// <summary>A whole record from a JSON object (a list element): the type's defaults, and the members given.</summary>
    private static ConfigValueModel? Record(JsonValueModel json, TypeModel target, string key, IBindingReport? report)
    {
        var record = target.Record!;
        var members = new List<ConfigValueModel>();
        var fits = true;
        foreach (var property in json.Properties)
        {
            var memberKey = key + "." + property.Name;
            var member = record.Members.FirstOrDefault(m => m.Key == property.Name);
            if (member is null || member.IsDerived)
            {
                if (member is null)
                {
                    report?.UnknownKey(property, memberKey, ConfigKeys.All(record, key + "."));
                }
                else
                {
                    report?.DerivedKey(property, memberKey);
                }

                fits = false;
                continue;
            }

            var value = Bind(property.Value, member.Type, memberKey, report);
            if (value is null)
            {
                fits = false;
                continue;
            }

            members.Add(value with { Property = member.PropertyName });
        }

        return fits ? new ConfigValueModel(target, string.Empty, members.ToEquatableArray()) : null;
    }
}
