using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Logging;

namespace Sacred.CommandLine;

/// <summary>
/// Splits <c>[COMMAND] [with UPDATE...] [options]</c> and <c>help [COMMAND]</c> into a
/// <see cref="ParsedCommandLine"/>: the experiment's flags (<see cref="CommandLineOptions"/>) read by
/// <see cref="CommandLineTokenizer"/>, then the positionals in order: the command, <c>with</c>, the updates.
/// </summary>
public static class CommandLineParser
{
    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <returns>The parsed command line.</returns>
    /// <exception cref="UsageException">An unknown flag, a flag without its value, a bad value or a stray argument.</exception>
    public static ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        var tokens = CommandLineTokenizer.Tokenize(args, CommandLineOptions.All);
        var updates = new List<string>();
        string? command = null, helpTopic = null;
        var afterWith = false;
        foreach (var token in tokens.Positionals)
        {
            if (afterWith)
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
            BeatInterval = Number(tokens, CommandLineOptions.BeatInterval, "expected a number of seconds"),
            Capture = ParseCapture(tokens),
            Color = tokens.Has(CommandLineOptions.Color),
            Comment = tokens.ValueOf(CommandLineOptions.Comment),
            Debug = tokens.Has(CommandLineOptions.Debug),
            EnforceClean = tokens.Has(CommandLineOptions.EnforceClean),
            FileStorage = tokens.ValueOf(CommandLineOptions.FileStorage),
            Force = tokens.Has(CommandLineOptions.Force),
            Help = tokens.Has(CommandLineOptions.Help),
            Id = tokens.ValueOf(CommandLineOptions.Id),
            LogLevel = ParseLogLevel(tokens),
            MongoDb = tokens.ValueOf(CommandLineOptions.MongoDb),
            Name = tokens.ValueOf(CommandLineOptions.Name),
            Priority = Number(tokens, CommandLineOptions.Priority, "the PRIORITY argument must be a number"),
            PrintConfig = tokens.Has(CommandLineOptions.PrintConfig),
            Queue = tokens.Has(CommandLineOptions.Queue),
            Store = tokens.ValueOf(CommandLineOptions.Store),
            Unobserved = tokens.Has(CommandLineOptions.Unobserved),
        };
        return new ParsedCommandLine(command, helpTopic, updates, options);
    }

    private static double? Number(TokenizedCommandLine tokens, CommandLineOption option, string expectation)
    {
        if (tokens.ValueOf(option) is not { } text)
        {
            return null;
        }

        return ValueParsers.TryParseDouble(text, out var number) && double.IsFinite(number)
            ? number
            : throw new UsageException($"invalid value '{text}' for {option.DisplayName}; {expectation}");
    }

    private static CaptureMode? ParseCapture(TokenizedCommandLine tokens)
    {
        if (tokens.ValueOf(CommandLineOptions.Capture) is not { } text)
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

    private static string? ParseLogLevel(TokenizedCommandLine tokens)
    {
        if (tokens.ValueOf(CommandLineOptions.LogLevel) is not { } text)
        {
            return null;
        }

        return PythonLogLevel.TryParse(text, out _)
            ? text
            : throw new UsageException($"invalid value '{text}' for {CommandLineOptions.LogLevel.DisplayName}; valid values: {PythonLogLevel.ValidNames}");
    }
}
