using System;
using System.IO;

namespace Sacred.Storage;

/// <summary>
/// Where the embedded store lives: the folder given (<c>--store DIR</c>), else <c>SACRED_STORE</c>, else
/// <c>./sacred_runs</c>. Experiments record there and the <c>sacred</c> command reads there, by the same rule.
/// </summary>
public static class StoreLocation
{
    /// <summary>The environment variable naming the store folder when none is given.</summary>
    public const string Variable = "SACRED_STORE";

    /// <summary>The store folder, relative to the working directory, when neither is given.</summary>
    public const string Default = "sacred_runs";

    /// <summary>The store folder as an absolute path.</summary>
    /// <param name="given">The folder given on the command line, if any.</param>
    /// <returns>The absolute path.</returns>
    public static string Resolve(string? given) =>
        Path.GetFullPath(given ?? Environment.GetEnvironmentVariable(Variable) ?? Default);
}
