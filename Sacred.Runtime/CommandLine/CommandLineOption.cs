namespace Sacred.CommandLine;

/// <summary>One option of a command line, as <see cref="CommandLineTokenizer"/> reads it and a help text lists it.</summary>
/// <param name="Short">The one-letter form (<c>-F</c>), if any.</param>
/// <param name="Long">The long form without dashes, spelled as Sacred does (<c>file_storage</c>, <c>beat-interval</c>).</param>
/// <param name="ValueName">The placeholder of its value (<c>BASEDIR</c>); null for a flag without a value.</param>
/// <param name="Description">The help text.</param>
public sealed record CommandLineOption(char? Short, string Long, string? ValueName, string Description)
{
    /// <summary>How error messages name it: <c>-F/--file_storage</c> or <c>--store</c>.</summary>
    public string DisplayName => Short is { } s ? $"-{s}/--{Long}" : $"--{Long}";

    /// <summary>How the help lists it: <c>-F, --file_storage=BASEDIR</c>.</summary>
    public string Usage => (Short is { } s ? $"-{s}, " : "    ") + $"--{Long}" + (ValueName is null ? "" : $"={ValueName}");
}
