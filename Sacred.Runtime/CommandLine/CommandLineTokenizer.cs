using System;
using System.Collections.Generic;
using System.Linq;
using Sacred.Formatting;
using Sacred.Generated;

namespace Sacred.CommandLine;

/// <summary>
/// Splits arguments into positionals and options, the one way every Sacred command line reads them (an
/// experiment's and the <c>sacred</c> command's). Options may stand anywhere, as <c>-F DIR</c>, <c>-FDIR</c>,
/// <c>--file_storage DIR</c> or <c>--file_storage=DIR</c>; short flags may be grouped (<c>-up</c>); <c>-</c> and
/// <c>_</c> are the same in long names; a negative number is a positional; <c>--</c> ends the options. The argument
/// after an option that takes a value is that value unless it is itself one of the options (so <c>--sort -id</c>
/// works and <c>-F -u</c> is an error).
/// </summary>
public static class CommandLineTokenizer
{
    /// <summary>Splits <paramref name="args"/>.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="options">The options this command line accepts.</param>
    /// <returns>The positionals and the options given.</returns>
    /// <exception cref="UsageException">An unknown option (with a did-you-mean), a flag given a value, an option without its value.</exception>
    public static TokenizedCommandLine Tokenize(IReadOnlyList<string> args, IReadOnlyList<CommandLineOption> options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        var values = new Dictionary<CommandLineOption, string>();
        var flags = new HashSet<CommandLineOption>();
        var positionals = new List<string>();
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (optionsEnded)
            {
                positionals.Add(token);
            }
            else if (token == "--")
            {
                optionsEnded = true;
            }
            else if (token.StartsWith("--", StringComparison.Ordinal))
            {
                ReadLong(args, ref i, options, values, flags);
            }
            else if (IsShortGroup(token))
            {
                ReadShort(args, ref i, options, values, flags);
            }
            else
            {
                positionals.Add(token);
            }
        }

        return new TokenizedCommandLine(positionals, values, flags);
    }

    private static void ReadLong(
        IReadOnlyList<string> args, ref int index, IReadOnlyList<CommandLineOption> options, Dictionary<CommandLineOption, string> values, HashSet<CommandLineOption> flags)
    {
        var token = args[index];
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? token[2..] : token[2..equals];
        var option = FindLong(options, name)
            ?? throw new UsageException(
                $"unknown option '--{name}'" +
                Suggestions.DidYouMean("--" + name, options.Select(o => "--" + o.Long)) +
                " (see --help)");
        if (option.ValueName is null)
        {
            if (equals >= 0)
            {
                throw new UsageException($"option {option.DisplayName} takes no value (in '{token}')");
            }

            flags.Add(option);
        }
        else
        {
            values[option] = equals >= 0 ? token[(equals + 1)..] : NextValue(args, ref index, options, option);
        }
    }

    private static void ReadShort(
        IReadOnlyList<string> args, ref int index, IReadOnlyList<CommandLineOption> options, Dictionary<CommandLineOption, string> values, HashSet<CommandLineOption> flags)
    {
        var token = args[index];
        for (var j = 1; j < token.Length; j++)
        {
            var option = FindShort(options, token[j])
                ?? throw new UsageException($"unknown option '-{token[j]}'" + (token.Length > 2 ? $" in '{token}'" : "") + " (see --help)");
            if (option.ValueName is null)
            {
                flags.Add(option);
                continue;
            }

            values[option] = j + 1 < token.Length ? token[(j + 1)..] : NextValue(args, ref index, options, option);
            return;
        }
    }

    private static string NextValue(IReadOnlyList<string> args, ref int index, IReadOnlyList<CommandLineOption> options, CommandLineOption option)
    {
        if (index + 1 >= args.Count || IsOption(args[index + 1], options))
        {
            throw new UsageException($"option {option.DisplayName} needs a value ({option.ValueName})");
        }

        return args[++index];
    }

    /// <summary>True when <paramref name="token"/> names one of <paramref name="options"/>, so it cannot be a value.</summary>
    private static bool IsOption(string token, IReadOnlyList<CommandLineOption> options)
    {
        if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            return FindLong(options, equals < 0 ? token[2..] : token[2..equals]) is not null;
        }

        return IsShortGroup(token) && FindShort(options, token[1]) is not null;
    }

    private static bool IsShortGroup(string token) =>
        token.Length > 1 && token[0] == '-' && token[1] != '-' && !ValueParsers.TryParseDouble(token, out _);

    private static CommandLineOption? FindShort(IReadOnlyList<CommandLineOption> options, char name)
    {
        foreach (var option in options)
        {
            if (option.Short == name)
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>Finds a long option by name; '-' and '_' are interchangeable (<c>--beat_interval</c> works too).</summary>
    private static CommandLineOption? FindLong(IReadOnlyList<CommandLineOption> options, string name)
    {
        var normalized = name.Replace('-', '_');
        foreach (var option in options)
        {
            if (string.Equals(option.Long.Replace('-', '_'), normalized, StringComparison.Ordinal))
            {
                return option;
            }
        }

        return null;
    }
}
