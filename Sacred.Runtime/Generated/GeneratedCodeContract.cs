using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>
/// The version of the contract between generated code and this runtime. The source generator reads
/// <see cref="Version"/> at compile time and reports an error when it writes code for another version, so a
/// mismatched generator and runtime fail the build instead of the run.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeContract
{
    /// <summary>The contract version this runtime implements.</summary>
    public const int Version = 2;
}
