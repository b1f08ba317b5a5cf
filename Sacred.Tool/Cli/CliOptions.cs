using System;
using System.Collections.Generic;
using System.Globalization;

namespace Sacred.Tool.Cli;

/// <summary>The arguments of a <c>sacred</c> command: positionals and <c>--name value</c> options.</summary>
internal sealed class CliOptions
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--json" };
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private CliOptions(List<string> positionals) => Positionals = positionals;

    public IReadOnlyList<string> Positionals { get; }

    public bool Json => _values.ContainsKey("--json");

    /// <summary>The store folder: <c>--store</c>, else <c>SACRED_STORE</c>, else <c>./sacred_runs</c>, as the experiments use.</summary>
    public string Store => Storage.StoreLocation.Resolve(Value("--store"));

    public static CliOptions Parse(IReadOnlyList<string> args, IReadOnlySet<string> allowed)
    {
        var positionals = new List<string>();
        var options = new CliOptions(positionals);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            var (name, inline) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (!allowed.Contains(name))
            {
                throw new CliUsageException($"unknown option '{name}'; valid options: {string.Join(", ", allowed)}");
            }

            if (Flags.Contains(name))
            {
                options._values[name] = "true";
            }
            else if (inline is not null)
            {
                options._values[name] = inline;
            }
            else if (i + 1 < args.Count)
            {
                options._values[name] = args[++i];
            }
            else
            {
                throw new CliUsageException($"option '{name}' needs a value");
            }
        }

        return options;
    }

    public string? Value(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public int Integer(string name, int fallback, int minimum)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new CliUsageException($"invalid value '{text}' for {name}; expected an integer ≥ {minimum}");
        }

        return value;
    }
}

/// <summary>A usage error: one line, exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
