using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>
/// The version of the contract between the code Sacred's source generator emits and this runtime: the types of
/// <see cref="Sacred.Generated"/>, <see cref="Run.Current"/> and <see cref="Run.ConfigState"/>. The generator reads
/// <see cref="Version"/> from the referenced runtime and fails the build with a diagnostic when it is missing or
/// differs from the version it emits for, so a mismatched generator and runtime give a build error, not a crash at
/// run time.
/// </summary>
/// <remarks>
/// Bump <see cref="Version"/> (and the generator's expected version with it) whenever the contract changes: a type,
/// member or signature that generated code uses is added, removed, renamed or changes meaning.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeContract
{
    /// <summary>The contract version this runtime implements.</summary>
    public const int Version = 5;
}
