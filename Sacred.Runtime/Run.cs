using System;
using System.ComponentModel;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using Microsoft.Extensions.Logging;
using Sacred.Logging;
using Sacred.Metrics;
using Sacred.Randomness;
using Sacred.Recording;

namespace Sacred;

/// <summary>One run of an experiment command: its config, options, seed and services.</summary>
public sealed class Run
{
    private static readonly AsyncLocal<Run?> s_current = new();

    private readonly FunctionSeeds _seeds;
    private readonly LogSink _log;
    private readonly MetricsBuffer _metrics = new();

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

    /// <summary>
    /// The run's result: the command's return value once it returns. Setting it during the run records an
    /// intermediate result with the next heartbeat, as Sacred's <c>_run.result</c>.
    /// </summary>
    public ConfigNode? Result { get; set; }

    /// <summary>Free-form information recorded with every heartbeat (Sacred's <c>_run.info</c>).</summary>
    public RunInfo Info { get; } = new();

    /// <summary>
    /// For generated code: the experiment's typed config state this run executes with (the generated state
    /// object, set before the command is invoked). Captured functions read their config from here, through
    /// <see cref="Current"/>, so that every run in a process sees its own config.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object? ConfigState { get; internal init; }

    internal MetricsBuffer Metrics => _metrics;

    /// <summary>Where artifact and resource events go; null when nothing records the run.</summary>
    internal ObserverSet? Observers { get; set; }

    /// <summary>
    /// Records a metric point. The step counts up from 0 per metric. This is the hot path: it allocates nothing,
    /// takes no lock and does no I/O; points are written by a background thread at the next heartbeat.
    /// </summary>
    /// <param name="name">The metric name, e.g. <c>training.loss</c>.</param>
    /// <param name="value">The value.</param>
    public void LogScalar(string name, double value) => _metrics.Log(name, value);

    /// <summary>Records a metric point at an explicit step; the next automatic step of that metric is <paramref name="step"/> + 1.</summary>
    /// <param name="name">The metric name, e.g. <c>validation.accuracy</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="step">The step, e.g. the epoch or the number of examples seen.</param>
    public void LogScalar(string name, double value, long step) => _metrics.Log(name, value, step);

    /// <summary>Stores a file with the run (a checkpoint, a plot); copied by every observer now.</summary>
    /// <param name="path">The file.</param>
    /// <param name="name">The name it is stored under; the file name by default.</param>
    /// <param name="contentType">Its MIME type; guessed from the extension when null.</param>
    /// <param name="metadata">Free-form metadata.</param>
    public void AddArtifact(string path, string? name = null, string? contentType = null, ConfigNode? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Artifact '{path}' does not exist.", full);
        }

        Observers?.Artifact(new ArtifactEvent(name ?? Path.GetFileName(full), full, contentType ?? ContentTypes.Guess(full), metadata));
    }

    /// <summary>Opens a file for reading and records it as a resource of the run, with its MD5.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The open stream.</returns>
    public Stream OpenResource(string path)
    {
        AddResource(path);
        return File.OpenRead(path);
    }

    /// <summary>Records a file the run depends on (a data set), with its MD5, without opening it.</summary>
    /// <param name="path">The file.</param>
    public void AddResource(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        using var stream = File.OpenRead(full);
        var md5 = Convert.ToHexStringLower(MD5.HashData(stream));
        Observers?.Resource(new ResourceEvent(full, md5));
    }

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
