using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>The outcome of applying one <c>key=value</c> update.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum UpdateStatus
{
    /// <summary>The value was parsed and stored.</summary>
    Applied,

    /// <summary>No config key has this name.</summary>
    UnknownKey,

    /// <summary>The key is a derived (computed) value and cannot be set.</summary>
    DerivedKey,

    /// <summary>The text is not a valid value of the key's type.</summary>
    InvalidValue,
}
