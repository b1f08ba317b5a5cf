using System.Collections.Generic;

namespace Sacred.CommandLine;

/// <summary>A command line split by <see cref="CommandLineTokenizer"/>: its positionals in order, and the options given.</summary>
public sealed class TokenizedCommandLine
{
    private readonly Dictionary<CommandLineOption, string> _values;
    private readonly HashSet<CommandLineOption> _flags;

    internal TokenizedCommandLine(IReadOnlyList<string> positionals, Dictionary<CommandLineOption, string> values, HashSet<CommandLineOption> flags)
    {
        Positionals = positionals;
        _values = values;
        _flags = flags;
    }

    /// <summary>The arguments that are not options or option values, in order (those after <c>--</c> included).</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Whether the flag <paramref name="option"/> (one without a value) was given.</summary>
    /// <param name="option">The flag.</param>
    /// <returns>True when given.</returns>
    public bool Has(CommandLineOption option) => _flags.Contains(option);

    /// <summary>The value given to <paramref name="option"/> (the last one, when given twice); null when not given.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The value as typed.</returns>
    public string? ValueOf(CommandLineOption option) => _values.GetValueOrDefault(option);
}
