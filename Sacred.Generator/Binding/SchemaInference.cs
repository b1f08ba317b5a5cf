using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Sacred.Generator.Model;

namespace Sacred.Generator.Binding;

/// <summary>
/// Builds a config schema from the first <c>[ConfigFile]</c> when there is no <c>[Config]</c> record: integers become
/// int (long when they do not fit), fractions double, objects nested records; the file's values are the defaults.
/// A value that fits no type (a list mixing strings and numbers) has no default; the binding stage reports it.
/// </summary>
internal static class SchemaInference
{
    public static ConfigTypeModel Infer(string ownerFullName, JsonValueModel root)
    {
        var usedNames = new HashSet<string>();
        return Record(ownerFullName, "Config", root, usedNames);
    }

    private static ConfigTypeModel Record(string ownerFullName, string name, JsonValueModel value, HashSet<string> usedNames)
    {
        usedNames.Add(name);
        var members = new List<ConfigMemberModel>();
        var usedProperties = new HashSet<string>();
        foreach (var property in value.Properties)
        {
            var propertyName = Unique(PascalCase(property.Name), usedProperties);
            var type = Infer(ownerFullName, propertyName, property.Value, usedNames);
            var initial = type.Kind == ValueKind.Record ? null : JsonValueBinder.Bind(property.Value, type);
            members.Add(new ConfigMemberModel(propertyName, property.Name, null, false, type, initial));
        }

        return new ConfigTypeModel(ownerFullName + "." + name, name, members.ToEquatableArray(), true, IsGenerated: true);
    }

    private static TypeModel Infer(string ownerFullName, string propertyName, JsonValueModel value, HashSet<string> usedNames)
    {
        switch (value.Kind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                return Scalar(ValueKind.Boolean, "bool", "bool");
            case JsonValueKind.Number:
                return Number(JsonValueBinder.LiteralKind(value)!.Value);
            case JsonValueKind.Array:
                var element = value.Items.Count == 0 ? Scalar(ValueKind.String, "string", "string")
                    : value.Items.All(i => i.Kind == JsonValueKind.Object) ? ElementRecord(ownerFullName, propertyName, value.Items[0], usedNames)
                    : Element(value);
                return new TypeModel(
                    ValueKind.List,
                    "global::System.Collections.Generic.List<" + element.FullName + ">",
                    "List<" + element.Display + ">",
                    false,
                    false,
                    element,
                    EquatableArray<string>.Empty,
                    null);
            case JsonValueKind.Object:
                var recordName = Unique(propertyName + "Config", usedNames);
                var record = Record(ownerFullName, recordName, value, usedNames);
                return new TypeModel(ValueKind.Record, record.FullName, recordName, false, false, null, EquatableArray<string>.Empty, record);
            case JsonValueKind.Null:
                return Scalar(ValueKind.String, "string", "string") with { IsNullable = true, Display = "string?" };
            default:
                return Scalar(ValueKind.String, "string", "string");
        }
    }

    /// <summary>The element type: the widest number of all-number items, bool of all-bool items, string otherwise.</summary>
    private static TypeModel Element(JsonValueModel array)
    {
        var kinds = array.Items.Select(JsonValueBinder.LiteralKind).Distinct().ToList();
        if (kinds.All(k => k is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double))
        {
            return Number(kinds.Contains(ValueKind.Double) ? ValueKind.Double : kinds.Contains(ValueKind.Int64) ? ValueKind.Int64 : ValueKind.Int32);
        }

        return kinds.All(k => k == ValueKind.Boolean) ? Scalar(ValueKind.Boolean, "bool", "bool") : Scalar(ValueKind.String, "string", "string");
    }

    /// <summary>A list of objects holds records shaped like its first object, whose values are their defaults.</summary>
    private static TypeModel ElementRecord(string ownerFullName, string propertyName, JsonValueModel first, HashSet<string> usedNames)
    {
        var record = Record(ownerFullName, Unique(propertyName + "Item", usedNames), first, usedNames);
        return new TypeModel(ValueKind.Record, record.FullName, record.Name, false, false, null, EquatableArray<string>.Empty, record);
    }

    private static TypeModel Number(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => Scalar(ValueKind.Int32, "int", "int"),
        ValueKind.Int64 => Scalar(ValueKind.Int64, "long", "long"),
        _ => Scalar(ValueKind.Double, "double", "double"),
    };

    private static TypeModel Scalar(ValueKind kind, string fullName, string display) =>
        new(kind, fullName, display, false, kind != ValueKind.String, null, EquatableArray<string>.Empty, null);

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string PascalCase(string key)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in key)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, 'K');
        }

        return builder.ToString();
    }
}
