using System;
using System.Globalization;

namespace Sacred.Storage.Reading;

/// <summary>The kind of a <see cref="FilterValue"/>.</summary>
public enum FilterValueKind
{
    /// <summary>No value: <c>= null</c> means "missing".</summary>
    Null,

    /// <summary>A number.</summary>
    Number,

    /// <summary>Text.</summary>
    Text,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>A point in time (UTC).</summary>
    Time,

    /// <summary>A length of time.</summary>
    Duration,
}

/// <summary>A literal in a filter: what a field is compared with.</summary>
public sealed record FilterValue
{
    private FilterValue(FilterValueKind kind, double number, long? integer, string? text)
    {
        Kind = kind;
        Number = number;
        Integer = integer;
        Text = text;
    }

    /// <summary>The kind.</summary>
    public FilterValueKind Kind { get; }

    /// <summary>A number; for a time, Unix milliseconds; for a duration, milliseconds; for a bool, 1 or 0.</summary>
    public double Number { get; }

    /// <summary>The number as an exact integer, when it is one (ids and seeds beyond 2^53 stay exact).</summary>
    public long? Integer { get; }

    /// <summary>The text, for <see cref="FilterValueKind.Text"/>.</summary>
    public string? Text { get; }

    /// <summary>The null literal.</summary>
    public static FilterValue Null { get; } = new(FilterValueKind.Null, 0, null, null);

    /// <summary>A number.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    public static FilterValue FromNumber(double value) =>
        new(FilterValueKind.Number, value, value == Math.Floor(value) && Math.Abs(value) < 9e15 ? (long)value : null, null);

    /// <summary>An integer, kept exact.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    public static FilterValue FromInteger(long value) => new(FilterValueKind.Number, value, value, null);

    /// <summary>Text.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The literal.</returns>
    public static FilterValue FromText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(FilterValueKind.Text, 0, null, value);
    }

    /// <summary>A boolean.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    public static FilterValue FromBool(bool value) => new(FilterValueKind.Bool, value ? 1 : 0, value ? 1 : 0, null);

    /// <summary>A point in time.</summary>
    /// <param name="value">The time (local times are converted to UTC).</param>
    /// <returns>The literal.</returns>
    public static FilterValue FromTime(DateTime value)
    {
        var ms = UnixTime.ToMs(value);
        return new(FilterValueKind.Time, ms, ms, null);
    }

    /// <summary>A length of time.</summary>
    /// <param name="value">The duration.</param>
    /// <returns>The literal.</returns>
    public static FilterValue FromDuration(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        return new(FilterValueKind.Duration, ms, ms, null);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FilterValueKind.Null => "null",
        FilterValueKind.Text => Text!,
        FilterValueKind.Bool => Number != 0 ? "true" : "false",
        FilterValueKind.Time => UnixTime.FromMs((long)Number).ToString("O", CultureInfo.InvariantCulture),
        FilterValueKind.Duration => TimeSpan.FromMilliseconds(Number).ToString("c", CultureInfo.InvariantCulture),
        _ => Integer is { } integer ? integer.ToString(CultureInfo.InvariantCulture) : Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
