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

    /// <summary>
    /// The value was parsed and stored as a new entry of a dictionary (<c>loss_weights.mse=1</c> where
    /// <c>loss_weights</c> has no <c>mse</c>). A config file may add entries; the command line only with <c>-f</c>.
    /// </summary>
    AddedEntry,
}
