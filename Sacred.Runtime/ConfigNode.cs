using System;
using System.Collections.Generic;
using System.Globalization;

namespace Sacred;

/// <summary>
/// An immutable, JSON-like configuration value: null, bool, integer, float, string, list or object. Objects keep
/// their keys in ordinal order; equality is deep.
/// </summary>
public sealed partial class ConfigNode : IEquatable<ConfigNode>
{
    private static readonly ConfigNode s_true = new(ConfigNodeKind.Bool) { _bool = true };
    private static readonly ConfigNode s_false = new(ConfigNodeKind.Bool);

    private bool _bool;
    private long _integer;
    private double _float;
    private decimal? _decimal;
    private DateTime _timestamp;
    private string? _string;
    private ConfigNode[]? _items;
    private KeyValuePair<string, ConfigNode>[]? _members;

    private ConfigNode(ConfigNodeKind kind) => Kind = kind;

    /// <summary>The null value.</summary>
    public static ConfigNode Null { get; } = new(ConfigNodeKind.Null);

    /// <summary>The kind of value this node holds.</summary>
    public ConfigNodeKind Kind { get; }

    /// <summary>The value of a <see cref="ConfigNodeKind.Bool"/> node.</summary>
    /// <exception cref="InvalidOperationException">The node is of another kind.</exception>
    public bool BoolValue => Expect(ConfigNodeKind.Bool)._bool;

    /// <summary>The value of an <see cref="ConfigNodeKind.Integer"/> node.</summary>
    /// <exception cref="InvalidOperationException">The node is of another kind.</exception>
    public long IntegerValue => Expect(ConfigNodeKind.Integer)._integer;

    /// <summary>The value of a <see cref="ConfigNodeKind.Float"/> node.</summary>
    /// <exception cref="InvalidOperationException">The node is of another kind.</exception>
    public double FloatValue => Expect(ConfigNodeKind.Float)._float;

    /// <summary>The value of a <see cref="ConfigNodeKind.String"/> node.</summary>
    /// <exception cref="InvalidOperationException">The node is of another kind.</exception>
    public string StringValue => Expect(ConfigNodeKind.String)._string!;

    /// <summary>The value of a <see cref="ConfigNodeKind.Timestamp"/> node, in UTC.</summary>
    /// <exception cref="InvalidOperationException">The node is of another kind.</exception>
    public DateTime TimestampValue => Expect(ConfigNodeKind.Timestamp)._timestamp;

    /// <summary>The items of a <see cref="ConfigNodeKind.List"/> node; empty for any other kind.</summary>
    public IReadOnlyList<ConfigNode> Items => _items ?? [];

    /// <summary>The members of an <see cref="ConfigNodeKind.Object"/> node in ordinal key order; empty for any other kind.</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Members => _members ?? [];

    /// <summary>Creates a boolean node.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(bool value) => value ? s_true : s_false;

    /// <summary>Creates an integer node.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(int value) => From((long)value);

    /// <summary>Creates an integer node.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(long value) => new(ConfigNodeKind.Integer) { _integer = value };

    /// <summary>Creates a float node holding the shortest double that prints as <paramref name="value"/> does.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(float value) =>
        // (double)0.1f is 0.10000000149011612; users typed 0.1, so keep the float's shortest text instead.
        float.IsFinite(value)
            ? From(double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
            : From((double)value);

    /// <summary>Creates a float node.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(double value) => new(ConfigNodeKind.Float) { _float = value };

    /// <summary>Creates a float node that keeps the decimal's exact digits when written as JSON.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(decimal value) =>
        new(ConfigNodeKind.Float) { _float = (double)value, _decimal = value };

    /// <summary>Creates a string node, or <see cref="Null"/> for a null string.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(string? value) =>
        value is null ? Null : new ConfigNode(ConfigNodeKind.String) { _string = value };

    /// <summary>Creates a string node in the invariant constant format (<c>[-][d.]hh:mm:ss[.fffffff]</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(TimeSpan value) => From(value.ToString("c", CultureInfo.InvariantCulture));

    /// <summary>Creates a string node in the ISO 8601 round-trip format (<c>"O"</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static ConfigNode From(DateTime value) => From(value.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>
    /// Creates a <see cref="ConfigNodeKind.Timestamp"/> node, a point in time as run records hold one; a local time is
    /// converted to UTC, an unspecified one taken as UTC.
    /// </summary>
    /// <param name="time">The time.</param>
    /// <returns>The node.</returns>
    public static ConfigNode FromTimestamp(DateTime time) => new(ConfigNodeKind.Timestamp)
    {
        _timestamp = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    /// <summary>Creates a list node by converting each item, or <see cref="Null"/> for a null sequence.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="convert">Converts one item to a node.</param>
    /// <returns>The node.</returns>
    public static ConfigNode FromList<T>(IEnumerable<T>? items, Func<T, ConfigNode> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        if (items is null)
        {
            return Null;
        }

        var nodes = new List<ConfigNode>();
        foreach (var item in items)
        {
            nodes.Add(convert(item));
        }

        return new ConfigNode(ConfigNodeKind.List) { _items = [.. nodes] };
    }

    /// <summary>
    /// Finds the node at a dotted path, e.g. <c>model.depth</c>; the empty path is this node. Null when a segment
    /// is missing or a node on the way is not an object.
    /// </summary>
    /// <param name="dottedKey">The dotted path.</param>
    /// <returns>The node found, or null.</returns>
    public ConfigNode? Get(string dottedKey)
    {
        ArgumentNullException.ThrowIfNull(dottedKey);
        if (dottedKey.Length == 0)
        {
            return this;
        }

        var node = this;
        foreach (var segment in dottedKey.Split('.'))
        {
            var index = node.FindMember(segment);
            if (index < 0)
            {
                return null;
            }

            node = node._members![index].Value;
        }

        return node;
    }

    /// <summary>
    /// Returns a copy of this object with <paramref name="value"/> stored at the dotted path; missing objects on
    /// the way are created and non-object values on the way are replaced.
    /// </summary>
    /// <param name="dottedKey">The dotted path, e.g. <c>model.dropout</c>.</param>
    /// <param name="value">The value to store.</param>
    /// <returns>The new tree.</returns>
    public ConfigNode WithValue(string dottedKey, ConfigNode value)
    {
        ArgumentException.ThrowIfNullOrEmpty(dottedKey);
        ArgumentNullException.ThrowIfNull(value);
        var dot = dottedKey.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? dottedKey : dottedKey[..dot];
        var index = FindMember(head);
        ConfigNode child;
        if (dot < 0)
        {
            child = value;
        }
        else
        {
            var current = index >= 0 && _members![index].Value.Kind == ConfigNodeKind.Object
                ? _members[index].Value
                : EmptyObject;
            child = current.WithValue(dottedKey[(dot + 1)..], value);
        }

        var members = new List<KeyValuePair<string, ConfigNode>>(Members);
        if (index >= 0)
        {
            members[index] = new(head, child);
        }
        else
        {
            members.Insert(~index, new(head, child));
        }

        return FromSortedMembers([.. members]);
    }

    /// <summary>The node's literal form, as <see cref="ToLiteral"/>.</summary>
    /// <returns>The literal text.</returns>
    public override string ToString() => ToLiteral();

    internal static ConfigNode EmptyObject { get; } = new(ConfigNodeKind.Object) { _members = [] };

    internal static ConfigNode FromItems(ConfigNode[] items) => new(ConfigNodeKind.List) { _items = items };

    internal static ConfigNode FromSortedMembers(KeyValuePair<string, ConfigNode>[] members) =>
        new(ConfigNodeKind.Object) { _members = members };

    internal decimal? DecimalValue => _decimal;

    private int FindMember(string key)
    {
        if (_members is null)
        {
            return -1;
        }

        int low = 0, high = _members.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(_members[mid].Key, key);
            if (order == 0)
            {
                return mid;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }

    private ConfigNode Expect(ConfigNodeKind kind) =>
        Kind == kind ? this : throw new InvalidOperationException($"The config value is {Kind}, not {kind}.");
}
