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
}
