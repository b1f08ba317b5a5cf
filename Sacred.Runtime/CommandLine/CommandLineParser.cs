using System;
using System.Collections.Generic;
using System.Linq;
using Sacred.Formatting;
using Sacred.Generated;
using Sacred.Logging;

namespace Sacred.CommandLine;

/// <summary>
/// Splits <c>[COMMAND] [with UPDATE...] [options]</c> and <c>help [COMMAND]</c> into a
/// <see cref="ParsedCommandLine"/>. Options may stand anywhere, as <c>-F DIR</c>, <c>-FDIR</c>,
/// <c>--file_storage DIR</c> or <c>--file_storage=DIR</c>; short flags may be grouped (<c>-up</c>);
/// <c>--</c> ends the options.
/// </summary>
public static class CommandLineParser
{
    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <returns>The parsed command line.</returns>
    /// <exception cref="UsageException">An unknown flag, a flag without its value, a bad value or a stray argument.</exception>
    public static ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<CommandLineOption, string>();
        var flags = new HashSet<CommandLineOption>();
        var updates = new List<string>();
        string? command = null, helpTopic = null;
        bool afterWith = false, optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!optionsEnded && token == "--")
            {
                optionsEnded = true;
            }
            else if (!optionsEnded && token.StartsWith("--", StringComparison.Ordinal))
            {
                ReadLong(args, ref i, values, flags);
            }
            else if (!optionsEnded && IsShortOption(token))
            {
                ReadShort(args, ref i, values, flags);
            }
            else if (afterWith)
            {
                updates.Add(token);
            }
            else if (token == "with")
            {
                afterWith = true;
            }
            else if (command is null)
            {
                command = token;
            }
            else if (command == "help" && helpTopic is null)
            {
                helpTopic = token;
            }
            else
            {
                throw new UsageException($"unexpected argument '{token}'; config updates go after 'with', e.g. 'with {token}'");
            }
        }

        var options = new RunOptions
        {
            Command = command,
            Updates = updates,
            BeatInterval = Number(values, CommandLineOptions.BeatInterval, "expected a number of seconds"),
            Capture = ParseCapture(values),
            Color = flags.Contains(CommandLineOptions.Color),
            Comment = values.GetValueOrDefault(CommandLineOptions.Comment),
            Debug = flags.Contains(CommandLineOptions.Debug),
            EnforceClean = flags.Contains(CommandLineOptions.EnforceClean),
            FileStorage = values.GetValueOrDefault(CommandLineOptions.FileStorage),
            Force = flags.Contains(CommandLineOptions.Force),
            Help = flags.Contains(CommandLineOptions.Help),
            Id = values.GetValueOrDefault(CommandLineOptions.Id),
            LogLevel = ParseLogLevel(values),
            MongoDb = values.GetValueOrDefault(CommandLineOptions.MongoDb),
            Name = values.GetValueOrDefault(CommandLineOptions.Name),
            Priority = Number(values, CommandLineOptions.Priority, "the PRIORITY argument must be a number"),
            PrintConfig = flags.Contains(CommandLineOptions.PrintConfig),
            Queue = flags.Contains(CommandLineOptions.Queue),
            Store = values.GetValueOrDefault(CommandLineOptions.Store),
            Unobserved = flags.Contains(CommandLineOptions.Unobserved),
        };
        return new ParsedCommandLine(command, helpTopic, updates, options);
    }

    private static void ReadLong(IReadOnlyList<string> args, ref int index, Dictionary<CommandLineOption, string> values, HashSet<CommandLineOption> flags)
    {
        var token = args[index];
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? token[2..] : token[2..equals];
        var option = CommandLineOptions.FindLong(name)
            ?? throw new UsageException(
                $"unknown option '--{name}'" +
                Suggestions.DidYouMean("--" + name, CommandLineOptions.All.Select(o => "--" + o.Long)) +
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
            values[option] = equals >= 0 ? token[(equals + 1)..] : NextValue(args, ref index, option);
        }
    }

    private static void ReadShort(IReadOnlyList<string> args, ref int index, Dictionary<CommandLineOption, string> values, HashSet<CommandLineOption> flags)
    {
        var token = args[index];
        for (var j = 1; j < token.Length; j++)
        {
            var option = CommandLineOptions.FindShort(token[j])
                ?? throw new UsageException($"unknown option '-{token[j]}'" + (token.Length > 2 ? $" in '{token}'" : "") + " (see --help)");
            if (option.ValueName is null)
            {
                flags.Add(option);
                continue;
            }

            values[option] = j + 1 < token.Length ? token[(j + 1)..] : NextValue(args, ref index, option);
            return;
        }
    }

    private static string NextValue(IReadOnlyList<string> args, ref int index, CommandLineOption option)
    {
        if (index + 1 >= args.Count || (args[index + 1].StartsWith("--", StringComparison.Ordinal) && args[index + 1].Length > 2) || IsShortOption(args[index + 1]))
        {
            throw new UsageException($"option {option.DisplayName} needs a value ({option.ValueName})");
        }

        return args[++index];
    }

    private static bool IsShortOption(string token) =>
        token.Length > 1 && token[0] == '-' && token[1] != '-' && !ValueParsers.TryParseDouble(token, out _);

    private static double? Number(Dictionary<CommandLineOption, string> values, CommandLineOption option, string expectation)
    {
        if (!values.TryGetValue(option, out var text))
        {
            return null;
        }

        return ValueParsers.TryParseDouble(text, out var number) && double.IsFinite(number)
            ? number
            : throw new UsageException($"invalid value '{text}' for {option.DisplayName}; {expectation}");
    }

    private static CaptureMode? ParseCapture(Dictionary<CommandLineOption, string> values)
    {
        if (!values.TryGetValue(CommandLineOptions.Capture, out var text))
        {
            return null;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "fd" => CaptureMode.Fd,
            "sys" => CaptureMode.Sys,
            "no" => CaptureMode.No,
            _ => throw new UsageException($"invalid value '{text}' for {CommandLineOptions.Capture.DisplayName}; valid values: fd, sys, no"),
        };
    }

    private static string? ParseLogLevel(Dictionary<CommandLineOption, string> values)
    {
        if (!values.TryGetValue(CommandLineOptions.LogLevel, out var text))
        {
            return null;
        }

        return PythonLogLevel.TryParse(text, out _)
            ? text
            : throw new UsageException($"invalid value '{text}' for {CommandLineOptions.LogLevel.DisplayName}; valid values: {PythonLogLevel.ValidNames}");
    }
}
