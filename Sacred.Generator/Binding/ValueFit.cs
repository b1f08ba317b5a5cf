using Sacred.Generator.Model;

namespace Sacred.Generator.Binding;

/// <summary>
/// The one rule for whether a value of one type fits a key of another, used for both directions a value takes:
/// a key's value passed to an injected parameter, and a JSON config value stored in a key. It follows C#'s
/// implicit conversions, because the generated code passes and stores values with no cast:
/// <list type="bullet">
/// <item>the same type fits, and a non-nullable value fits its nullable twin, never the other way round;</item>
/// <item>numbers widen without loss: int to long, float, double, decimal; long to float, double, decimal; float to double;</item>
/// <item>enums, records and other parsable types (Guid, DateOnly, user types) fit only themselves;</item>
/// <item>a list or array is passed by reference, so its element type must be the same; a <c>List&lt;T&gt;</c> or
/// <c>T[]</c> also fits <c>IList&lt;T&gt;</c> and <c>IReadOnlyList&lt;T&gt;</c>;</item>
/// <item>a type not in the compilation yet fits the record generated from a JSON schema under that name.</item>
/// </list>
/// JSON numbers are literals, written with the key's suffix: a real literal also fits float and decimal, as
/// <c>0.5F</c> and <c>0.5M</c> do in C# (see <see cref="FitsLiteral"/>).
/// </summary>
internal static class ValueFit
{
    public static bool Fits(TypeModel value, TypeModel target)
    {
        if (value.IsNullable && !target.IsNullable)
        {
            return false;
        }

        if (target.Kind == ValueKind.Unresolved)
        {
            return value.Kind == ValueKind.Record && value.Record!.IsGenerated && SimpleName(target.FullName) == value.Record.Name;
        }

        if (value.IsSequence || target.IsSequence)
        {
            return value.IsSequence && target.IsSequence && SameType(value.Element!, target.Element!) && PassesAs(value.Kind, target.Kind);
        }

        if (value.Kind == target.Kind)
        {
            return value.Kind is not (ValueKind.Enum or ValueKind.Record or ValueKind.Parsable or ValueKind.ParsableNumber) || value.FullName == target.FullName;
        }

        return Widens(value.Kind, target.Kind);
    }

    /// <summary>Whether a JSON literal of kind <paramref name="literal"/> (bool, int, long, double or string) fits <paramref name="target"/>.</summary>
    public static bool FitsLiteral(ValueKind literal, TypeModel target) =>
        target.Kind == literal
        || Widens(literal, target.Kind)
        || (literal == ValueKind.Double && target.Kind is ValueKind.Single or ValueKind.Decimal);

    /// <summary>C#'s implicit numeric conversions between the supported number types.</summary>
    private static bool Widens(ValueKind from, ValueKind to) => from switch
    {
        ValueKind.Int32 => to is ValueKind.Int64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal,
        ValueKind.Int64 => to is ValueKind.Single or ValueKind.Double or ValueKind.Decimal,
        ValueKind.Single => to is ValueKind.Double,
        _ => false,
    };

    /// <summary>Whether a sequence of kind <paramref name="from"/> can be passed where <paramref name="to"/> is declared.</summary>
    private static bool PassesAs(ValueKind from, ValueKind to) =>
        from == to || (from is ValueKind.List or ValueKind.Array && to is ValueKind.IList or ValueKind.IReadOnlyList);

    private static bool SameType(TypeModel left, TypeModel right) =>
        left.Kind == right.Kind && left.FullName == right.FullName && left.IsNullable == right.IsNullable;

    private static string SimpleName(string written)
    {
        var dot = written.LastIndexOf('.');
        return dot < 0 ? written : written.Substring(dot + 1);
    }
}
