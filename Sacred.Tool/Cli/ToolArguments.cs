using System.Collections.Generic;
using System.Globalization;
using Sacred.CommandLine;
using Sacred.Storage;

namespace Sacred.Tool.Cli;

/// <summary>The arguments of one <c>sacred</c> command: its positionals and options.</summary>
internal sealed class ToolArguments
{
    private readonly TokenizedCommandLine _tokens;

    private ToolArguments(TokenizedCommandLine tokens) => _tokens = tokens;

    public IReadOnlyList<string> Positionals => _tokens.Positionals;

    public bool Json => _tokens.Has(ToolOptions.Json);

    /// <summary>The store folder: <c>--store</c>, else <c>SACRED_STORE</c>, else <c>./sacred_runs</c>, as the experiments use.</summary>
    public string Store => StoreLocation.Resolve(_tokens.ValueOf(ToolOptions.Store));

    /// <summary>Reads <paramref name="args"/> for a command taking <paramref name="options"/> and <paramref name="minimum"/> to <paramref name="maximum"/> positionals.</summary>
    /// <exception cref="UsageException">An unknown option, a missing value, or the wrong number of positionals (<paramref name="shape"/> says which).</exception>
    public static ToolArguments Parse(IReadOnlyList<string> args, IReadOnlyList<CommandLineOption> options, int minimum, int maximum, string shape)
    {
        var arguments = new ToolArguments(CommandLineTokenizer.Tokenize(args, options));
        if (arguments.Positionals.Count < minimum || arguments.Positionals.Count > maximum)
        {
            throw new UsageException($"expected: sacred {shape}");
        }

        return arguments;
    }

    public string? Value(CommandLineOption option) => _tokens.ValueOf(option);

    public bool Has(CommandLineOption option) => _tokens.Has(option);

    public int Integer(CommandLineOption option, int fallback, int minimum)
    {
        var text = Value(option);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new UsageException($"invalid value '{text}' for {option.DisplayName}; expected an integer ≥ {minimum}");
        }

        return value;
    }
}
