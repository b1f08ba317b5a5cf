using System;
using System.Collections.Generic;
using System.IO;
using Sacred.Generated;
using Sacred.Observers.FileStorage;
using Sacred.Recording;

namespace Sacred.Observers;

/// <summary>
/// Records runs in Sacred's FileStorageObserver layout (<c>-F DIR</c>), so Sacred's readers and scripts work on
/// them: <c>DIR/&lt;id&gt;/run.json</c>, <c>config.json</c>, <c>cout.txt</c>, <c>metrics.json</c>,
/// <c>info.json</c> and artifacts; sources in <c>DIR/_sources/&lt;stem&gt;_&lt;md5&gt;&lt;ext&gt;</c>, resources in
/// <c>DIR/_resources/</c>. Ids are numbered directories claimed with an exclusive <c>mkdir</c>, so concurrent
/// runs never share one.
/// </summary>
/// <remarks>
/// Differences from Sacred, on purpose: every JSON file is replaced atomically (written beside, flushed, renamed),
/// so a killed run never leaves a truncated file; metric points go to append-only sidecar files in
/// <c>&lt;run&gt;/.metrics/</c> at each heartbeat and <c>metrics.json</c> is regenerated from them only when
/// affordable and always at the end (when the sidecars are deleted: a finished run's folder holds Sacred's files only), instead of being read and rewritten whole at every heartbeat; the final
/// heartbeat's <c>metrics.json</c> is complete before <c>run.json</c> says the run ended; sources are written from
/// the text embedded at compile time. <c>host</c> has <c>dotnet_version</c> where Sacred has
/// <c>python_version</c>.
/// </remarks>
public sealed class FileStorageObserver : IRunObserver
{
    /// <summary>Sacred's FileStorageObserver priority.</summary>
    public const int DefaultPriority = 20;

    /// <summary>
    /// The run is one a worker claimed (<c>EXE worker</c>): its directory, written when it was queued with <c>-F</c>
    /// under the same id, is taken over (run.json no longer says QUEUED), instead of failing as a taken id.
    /// </summary>
    internal bool TakesOverQueued { get; init; }

    private static readonly HashSet<string> s_reservedNames = new(StringComparer.Ordinal)
    {
        "run.json", "config.json", "cout.txt", "metrics.json",
    };

    private readonly string _baseDirectory;
    private string? _runDirectory;
    private RunDocument? _record;
    private OutputFile? _output;
    private MetricsStore? _metrics;

    /// <summary>Creates the observer; nothing is written before the first event.</summary>
    /// <param name="baseDirectory">The base directory, as given to <c>-F</c>; created at the first event.</param>
    /// <param name="priority">The priority (Sacred's default: 20).</param>
    public FileStorageObserver(string baseDirectory, int priority = DefaultPriority)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        _baseDirectory = baseDirectory;
        Priority = priority;
    }

    /// <inheritdoc/>
    public string Name => "file storage " + _baseDirectory;

    /// <inheritdoc/>
    public int Priority { get; }

    /// <summary>The run's directory, once the run is queued or started.</summary>
    public string? RunDirectory => _runDirectory;

    /// <summary>How long the last regeneration of <c>metrics.json</c> took (zero before the first).</summary>
    public TimeSpan LastMetricsRewriteDuration => _metrics?.LastRewriteDuration ?? TimeSpan.Zero;

    /// <inheritdoc/>
    public void Open()
    {
        if (BaseDirectoryCheck.FindProblem(_baseDirectory) is { } problem)
        {
            throw Unavailable($"cannot record runs in '{_baseDirectory}': {problem}; give -F a directory that can be written");
        }
    }

    /// <inheritdoc/>
    public string? QueuedEvent(RunStartedEvent run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var id = MakeRunDirectory(run.Id);
        WritingRunDirectory(() =>
        {
            _record = RunDocument.Queued(run, source => ConfigNode.From(source.Md5));
            SaveRecord();
            SaveJson("config.json", run.Config);

            // As Sacred: a queued run keeps its sources beside run.json, under their base names.
            foreach (var source in run.Experiment.Sources)
            {
                var name = source.Path[(source.Path.LastIndexOf('/') + 1)..];
                AtomicFile.WriteText(Path.Combine(_runDirectory!, name), source.Text);
            }
        });
        return id;
    }

    /// <inheritdoc/>
    public string? StartedEvent(RunStartedEvent run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var id = TakesOverQueued && run.Id is { } claimed && QueuedSources(claimed) is { } queuedSources
            ? TakeOverQueued(claimed, queuedSources)
            : MakeRunDirectory(run.Id);
        WritingRunDirectory(() =>
        {
            _record = RunDocument.Started(run, source => ConfigNode.From(SaveSource(source)));
            SaveRecord();
            SaveJson("config.json", run.Config);
            _output = OutputFile.Create(Path.Combine(_runDirectory!, "cout.txt"));
        });
        _metrics = new MetricsStore(_runDirectory!);
        return id;
    }

    /// <inheritdoc/>
    public void HeartbeatEvent(HeartbeatEvent beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var record = Started();
        _metrics!.Append(beat.Metrics);
        if (beat.IsFinal)
        {
            _metrics.Rewrite();
        }
        else
        {
            _metrics.RewriteIfAffordable();
        }

        _output!.Append(beat.Output);
        record.Heartbeat(beat);
        SaveRecord();
        if (beat.Info.Members.Count > 0)
        {
            SaveJson("info.json", beat.Info);
        }
    }

    /// <inheritdoc/>
    public void ArtifactEvent(ArtifactEvent artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var record = Started();
        AtomicFile.Copy(artifact.Path, ArtifactPath(artifact.Name));
        record.AddArtifact(ConfigNode.From(artifact.Name));
        SaveRecord();
    }

    /// <inheritdoc/>
    public void ResourceEvent(ResourceEvent resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var record = Started();
        var name = StoredFileName.Of(resource.Path, resource.Md5);
        var stored = Path.Combine(_baseDirectory, "_resources", name);
        if (!File.Exists(stored))
        {
            Directory.CreateDirectory(Path.Combine(_baseDirectory, "_resources"));
            AtomicFile.Copy(resource.Path, stored);
        }

        record.AddResource(ConfigNode.FromItems([ConfigNode.From(resource.Path), ConfigNode.From(PythonPath(_baseDirectory + "/_resources/" + name))]));
        SaveRecord();
    }

    /// <inheritdoc/>
    public void EndedEvent(RunEndedEvent end)
    {
        ArgumentNullException.ThrowIfNull(end);
        var record = Started();

        // metrics.json is complete before run.json says the run is over; then the sidecars go, so the finished
        // folder holds Sacred's layout only.
        _metrics!.Rewrite();
        record.End(end);
        SaveRecord();
        _metrics.Finish();
    }

    /// <inheritdoc/>
    /// <remarks>The run directory was claimed by this observer with an exclusive mkdir, so it is removed whole;
    /// sources stay in <c>_sources/</c>, shared by content.</remarks>
    public void AbandonStart(string reason)
    {
        if (_runDirectory is { } directory && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        _record = null;
        _output = null;
        _metrics = null;
        _runDirectory = null;
    }

    /// <inheritdoc/>
    public void Close() => _metrics?.Finish();

    private string MakeRunDirectory(string? givenId)
    {
        try
        {
            Directory.CreateDirectory(_baseDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable($"cannot create '{_baseDirectory}': {e.Message}", e);
        }

        string id;
        try
        {
            if (givenId is null)
            {
                id = RunDirectories.CreateNext(_baseDirectory);
            }
            else
            {
                RunDirectories.CreateGiven(_baseDirectory, givenId);
                id = givenId;
            }
        }
        catch (ObserverUnavailableException e)
        {
            throw Unavailable(e.Message, e.InnerException);
        }

        _runDirectory = Path.Combine(_baseDirectory, id);
        return id;
    }

    /// <summary>The queued copies of the sources in a directory written for a queued run (its run.json says QUEUED), or null.</summary>
    private List<string>? QueuedSources(string id)
    {
        var runJson = Path.Combine(_baseDirectory, id, "run.json");
        try
        {
            var record = File.Exists(runJson) ? Storage.StoredJson.Read(File.ReadAllText(runJson)) : null;
            if (record?.Get("status") is not { Kind: ConfigNodeKind.String } status || status.StringValue != RunStatus.Queued)
            {
                return null;
            }

            var names = new List<string>();
            if (record.Get("experiment")?.Get("sources") is { Kind: ConfigNodeKind.List } sources)
            {
                foreach (var pair in sources.Items)
                {
                    if (pair is { Kind: ConfigNodeKind.List } && pair.Items.Count > 0 && pair.Items[0].Kind == ConfigNodeKind.String)
                    {
                        var path = pair.Items[0].StringValue;
                        names.Add(path[(path.LastIndexOf('/') + 1)..]);
                    }
                }
            }

            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Takes over the directory of the queued run: the copies of its sources made for the queue go (started runs keep them in _sources).</summary>
    private string TakeOverQueued(string id, List<string> queuedSources)
    {
        _runDirectory = Path.Combine(_baseDirectory, id);
        WritingRunDirectory(() =>
        {
            foreach (var name in queuedSources)
            {
                File.Delete(Path.Combine(_runDirectory, name));
            }
        });
        return id;
    }

    private void WritingRunDirectory(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unavailable($"cannot write run directory '{_runDirectory}': {e.Message}", e);
        }
    }

    private string SaveSource(SourceFileInfo source)
    {
        var name = StoredFileName.Of(source.Path, source.Md5);
        var directory = Path.Combine(_baseDirectory, "_sources");
        var stored = Path.Combine(directory, name);
        if (!File.Exists(stored))
        {
            Directory.CreateDirectory(directory);
            AtomicFile.WriteText(stored, source.Text);
        }

        return "_sources/" + name;
    }

    private string ArtifactPath(string name)
    {
        var runDirectory = Path.GetFullPath(_runDirectory!);
        var path = Path.GetFullPath(Path.Combine(runDirectory, name));
        var relative = Path.GetRelativePath(runDirectory, path).Replace('\\', '/');
        if (s_reservedNames.Contains(relative))
        {
            throw new IOException(
                $"{Name}: artifact name '{name}' is taken by Sacred's own {relative} in '{_runDirectory}'; add it under another name");
        }

        var firstSegment = relative.Split('/')[0];
        if (Path.IsPathRooted(name) || firstSegment is "." or ".." || firstSegment == MetricsStore.SidecarFolder)
        {
            throw new IOException(
                $"{Name}: artifact name '{name}' does not name a file inside the run directory '{_runDirectory}'; use a relative file name");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private RunDocument Started() =>
        _record is not null && _output is not null
            ? _record
            : throw new InvalidOperationException($"{Name}: no run has been started");

    private void SaveRecord() => AtomicFile.WriteText(Path.Combine(_runDirectory!, "run.json"), RunJson.Write(_record!.ToNode()));

    private void SaveJson(string fileName, ConfigNode node) =>
        AtomicFile.WriteText(Path.Combine(_runDirectory!, fileName), node.ToJson(indented: true));

    private ObserverUnavailableException Unavailable(string message, Exception? inner = null) =>
        new($"{Name}: {message}", inner);

    // str(pathlib.Path(basedir)): '.' segments, repeated and trailing separators dropped.
    private static string PythonPath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment is not ("" or "."))
            {
                segments.Add(segment);
            }
        }

        var joined = string.Join('/', segments);
        return path.StartsWith('/') ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
