using System;
using System.Threading;
using Microsoft.Extensions.Logging;
using Sacred.Configuration;
using Sacred.Logging;
using Sacred.Randomness;

namespace Sacred;

/// <summary>One run of an experiment command: its config, options, seed and services.</summary>
public sealed class Run
{
    private static readonly AsyncLocal<Run?> s_current = new();

    private readonly FunctionSeeds _seeds;
    private readonly LogSink _log;

    internal Run(string experimentName, string command, ConfigNode config, RunOptions options, int seed, LogSink log, CancellationToken cancellationToken)
    {
        ExperimentName = experimentName;
        Command = command;
        Config = config;
        Options = options;
        Seed = seed;
        CancellationToken = cancellationToken;
        _log = log;
        _seeds = new FunctionSeeds(seed);
    }

    /// <summary>The run that is executing on this logical thread of control, or null outside a run.</summary>
    public static Run? Current
    {
        get => s_current.Value;
        internal set => s_current.Value = value;
    }

    /// <summary>The run's id in the store; null when nothing records the run.</summary>
    public string? Id { get; internal set; }

    /// <summary>The experiment name (the <c>-n/--name</c> override, if given).</summary>
    public string ExperimentName { get; }

    /// <summary>The name of the command being run, e.g. <c>train</c> or <c>dataset.stats</c>.</summary>
    public string Command { get; }

    /// <summary>The final configuration, <c>seed</c> included.</summary>
    public ConfigNode Config { get; }

    /// <summary>The command-line options of this run.</summary>
    public RunOptions Options { get; }

    /// <summary>The root seed (the <c>seed</c> config value).</summary>
    public int Seed { get; }

    /// <summary>Cancelled when the run is interrupted (Ctrl-C, SIGTERM).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The command's return value, set when it returns; null for a void command or before it returns.</summary>
    public ConfigNode? Result { get; internal set; }

    /// <summary>
    /// Draws the next seed, in [1, 1e9], for the function <paramref name="functionKey"/>. Each function key has
    /// its own stream derived from <see cref="Seed"/> and the key: the same seed gives the same draws in every
    /// process, and calls for one function never change what another function sees.
    /// </summary>
    /// <param name="functionKey">Identifies the function, e.g. <c>model.build_net</c>.</param>
    /// <returns>The seed.</returns>
    public int NextSeed(string functionKey)
    {
        ArgumentNullException.ThrowIfNull(functionKey);
        return _seeds.Next(functionKey);
    }

    /// <summary>A new <see cref="Random"/> seeded with <see cref="NextSeed"/> for <paramref name="functionKey"/>.</summary>
    /// <param name="functionKey">Identifies the function, e.g. <c>model.build_net</c>.</param>
    /// <returns>The generator.</returns>
    public Random NextRandom(string functionKey) => new(NextSeed(functionKey));

    /// <summary>
    /// A logger writing <c>LEVEL - category - message</c> lines to stderr, filtered by <c>-l/--loglevel</c>.
    /// </summary>
    /// <param name="category">The logger name printed on each line.</param>
    /// <returns>The logger.</returns>
    public ILogger CreateLogger(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new SacredLogger(category, _log);
    }
}
