namespace Sacred;

/// <summary>The kind of value a <see cref="ConfigNode"/> holds, as in JSON.</summary>
public enum ConfigNodeKind
{
    /// <summary>No value (<c>null</c>).</summary>
    Null,

    /// <summary>A boolean.</summary>
    Bool,

    /// <summary>A 64-bit integer.</summary>
    Integer,

    /// <summary>A floating-point number (double or decimal).</summary>
    Float,

    /// <summary>A string.</summary>
    String,

    /// <summary>An ordered list of nodes.</summary>
    List,

    /// <summary>An object: string keys (kept in ordinal order) mapped to nodes.</summary>
    Object,

    /// <summary>
    /// A point in time, in UTC: the times of a run record (start, stop, heartbeat, queue time). JSON writers write
    /// it as ISO 8601 text, a BSON writer as a date. Config values of type <see cref="System.DateTime"/> are
    /// <see cref="String"/> nodes (<see cref="ConfigNode.From(System.DateTime)"/>), as a config file holds them.
    /// </summary>
    Timestamp,
}
