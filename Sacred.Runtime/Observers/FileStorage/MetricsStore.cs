using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Sacred.Metrics;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// A run's metrics: points are appended to per-metric sidecars under <c>&lt;run&gt;/.metrics/</c> at every
/// heartbeat (O(new points)); <c>metrics.json</c> is regenerated from them, atomically, only when that is
/// affordable: when the time since the last regeneration is at least <see cref="RewriteSpacing"/> times what it
/// took, and always when the run ends. Rewrites thus take at most about 1/(1+<see cref="RewriteSpacing"/>) of
/// the run's time, and when beats come back to back the points grow geometrically between rewrites, so the total
/// work stays linear in the number of points (Sacred rewrites the whole file every beat: quadratic).
/// <c>.metrics/names.json</c> lists the metric names by sidecar index, for anyone reading the sidecars of a run
/// that is still going (or was killed); when the run ends they are deleted (<see cref="Finish"/>).
/// </summary>
internal sealed class MetricsStore
{
    /// <summary>Minimum time between rewrites, as a multiple of the last rewrite's duration.</summary>
    public const double RewriteSpacing = 4;

    /// <summary>The folder of the sidecars, inside the run directory; Sacred's readers ignore it.</summary>
    public const string SidecarFolder = ".metrics";

    private static readonly Comparer<MetricSidecar> s_byName =
        Comparer<MetricSidecar>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    private readonly string _runDirectory;
    private readonly Dictionary<string, MetricSidecar> _byName = new(StringComparer.Ordinal);
    private readonly List<MetricSidecar> _byIndex = [];
    private readonly List<MetricSidecar> _sorted = [];
    private readonly Stopwatch _sinceRewrite = new();
    private TimeSpan _lastRewrite;
    private bool _pending;

    /// <summary>Creates the store of a run; nothing is written before the first point.</summary>
    /// <param name="runDirectory">The run directory.</param>
    public MetricsStore(string runDirectory) => _runDirectory = runDirectory;

    /// <summary>Whether some points are in the sidecars but not yet in <c>metrics.json</c>.</summary>
    public bool HasPendingPoints => _pending;

    /// <summary>How long the last regeneration of <c>metrics.json</c> took.</summary>
    public TimeSpan LastRewriteDuration => _lastRewrite;

    private string SidecarDirectory => Path.Combine(_runDirectory, SidecarFolder);

    /// <summary>Appends new points to the sidecars.</summary>
    /// <param name="batches">The new points, one batch per metric.</param>
    public void Append(IReadOnlyList<MetricBatch> batches)
    {
        foreach (var batch in batches)
        {
            if (batch.Count == 0)
            {
                continue;
            }

            if (!_byName.TryGetValue(batch.Name, out var sidecar))
            {
                sidecar = AddMetric(batch.Name);
            }

            sidecar.Append(batch);
            _pending = true;
        }
    }

    /// <summary>Regenerates <c>metrics.json</c> if points are pending and the last rewrite is long enough ago.</summary>
    public void RewriteIfAffordable()
    {
        if (_sinceRewrite.IsRunning && _sinceRewrite.Elapsed < _lastRewrite * RewriteSpacing)
        {
            return;
        }

        Rewrite();
    }

    /// <summary>Regenerates <c>metrics.json</c> now if points are pending.</summary>
    public void Rewrite()
    {
        if (!_pending)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        AtomicFile.Write(Path.Combine(_runDirectory, "metrics.json"), stream => MetricsJsonWriter.Write(stream, _sorted));
        _lastRewrite = watch.Elapsed;
        _sinceRewrite.Restart();
        _pending = false;
    }

    /// <summary>
    /// Regenerates <c>metrics.json</c> if points are pending, then deletes the sidecars: a finished run's folder
    /// holds exactly Sacred's layout. Only once <c>metrics.json</c> holds every point are they deleted, so a
    /// failure to write it leaves them for the next try.
    /// </summary>
    public void Finish()
    {
        Rewrite();
        if (Directory.Exists(SidecarDirectory))
        {
            Directory.Delete(SidecarDirectory, recursive: true);
        }

        _byName.Clear();
        _byIndex.Clear();
        _sorted.Clear();
    }

    private MetricSidecar AddMetric(string name)
    {
        Directory.CreateDirectory(SidecarDirectory);
        var sidecar = new MetricSidecar(name, Path.Combine(SidecarDirectory, _byIndex.Count + ".bin"));
        AtomicFile.WriteText(
            Path.Combine(SidecarDirectory, "names.json"),
            ConfigNode.FromList([.. _byIndex, sidecar], s => ConfigNode.From(s.Name)).ToJson(indented: true));
        _byIndex.Add(sidecar);
        _byName.Add(name, sidecar);
        var at = _sorted.BinarySearch(sidecar, s_byName);
        _sorted.Insert(~at, sidecar);
        return sidecar;
    }
}
