using System;
using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Recording;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// The content of Sacred's <c>run.json</c>: a dict with sorted keys, changed by each event and written whole.
/// Key sets follow Sacred's FileStorageObserver: no <c>result</c> before the first heartbeat, no <c>_id</c> or
/// <c>config</c> ever (the id is the directory name, the config is in <c>config.json</c>).
/// </summary>
internal sealed class RunRecord
{
    private readonly SortedDictionary<string, ConfigNode> _entry = new(StringComparer.Ordinal);
    private readonly List<ConfigNode> _artifacts = [];
    private readonly List<ConfigNode> _resources = [];

    private RunRecord()
    {
    }

    /// <summary>
    /// The record of a started run: <c>experiment</c> (sources as <c>[relpath, stored copy]</c>),
    /// <c>command</c>, <c>host</c>, <c>start_time</c>, <c>meta</c>, <c>status</c>, <c>resources</c>,
    /// <c>artifacts</c> and a null <c>heartbeat</c>.
    /// </summary>
    /// <param name="run">The started run.</param>
    /// <param name="storedSource">The stored copy of a source, relative to the base directory.</param>
    /// <returns>The record.</returns>
    public static RunRecord Started(RunStartedEvent run, Func<SourceFileInfo, string> storedSource)
    {
        var record = new RunRecord();
        record.SetCommon(run, source => ConfigNode.From(storedSource(source)), Meta(run.Meta));
        record.Set("start_time", ConfigNode.From(PythonDateTime.Format(run.Time)));
        record.Set("status", ConfigNode.From(RunStatus.Running));
        record.Set("heartbeat", ConfigNode.Null);
        record.Set("resources", ConfigNode.FromItems([]));
        record.Set("artifacts", ConfigNode.FromItems([]));
        return record;
    }

    /// <summary>
    /// The record of a queued run: <c>experiment</c> (sources as <c>[relpath, md5]</c>), <c>command</c>,
    /// <c>host</c>, <c>meta</c> with Sacred's jsonpickle <c>queue_time</c>, and status QUEUED.
    /// </summary>
    /// <param name="run">The queued run; its time is the queue time.</param>
    /// <returns>The record.</returns>
    public static RunRecord Queued(RunStartedEvent run)
    {
        var record = new RunRecord();
        var meta = Meta(run.Meta).WithValue("queue_time", PythonDateTime.ToJsonPickle(run.Time));
        record.SetCommon(run, source => ConfigNode.From(source.Md5), meta);
        record.Set("status", ConfigNode.From(RunStatus.Queued));
        return record;
    }

    /// <summary>Sets a top-level key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public void Set(string key, ConfigNode value) => _entry[key] = value;

    /// <summary>Appends an artifact name to <c>artifacts</c>.</summary>
    /// <param name="name">The name.</param>
    public void AddArtifact(string name)
    {
        _artifacts.Add(ConfigNode.From(name));
        Set("artifacts", ConfigNode.FromItems([.. _artifacts]));
    }

    /// <summary>Appends <c>[original path, stored path]</c> to <c>resources</c>.</summary>
    /// <param name="path">The resource's absolute path.</param>
    /// <param name="storedPath">Where its copy is.</param>
    public void AddResource(string path, string storedPath)
    {
        _resources.Add(ConfigNode.FromItems([ConfigNode.From(path), ConfigNode.From(storedPath)]));
        Set("resources", ConfigNode.FromItems([.. _resources]));
    }

    /// <summary>The record as <c>run.json</c> text: sorted keys, indent 2, <c>\n</c> newlines.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ConfigNode.FromSortedMembers([.. _entry]).ToJson(indented: true);

    private void SetCommon(RunStartedEvent run, Func<SourceFileInfo, ConfigNode> sourceReference, ConfigNode meta)
    {
        Set("experiment", Experiment(run.Experiment, sourceReference));
        Set("command", ConfigNode.From(run.Command));
        Set("host", Host(run.Host));
        Set("meta", meta);
    }

    private static ConfigNode Experiment(ExperimentInfo experiment, Func<SourceFileInfo, ConfigNode> sourceReference)
    {
        var node = new ConfigObjectBuilder();
        node.Add("base_dir", ConfigNode.From(experiment.BaseDirectory));
        node.Add("dependencies", ConfigNode.FromList(experiment.Dependencies, d => ConfigNode.From(d.Name + "==" + d.Version)));
        node.Add("mainfile", ConfigNode.From(experiment.MainFile));
        node.Add("name", ConfigNode.From(experiment.Name));
        node.Add("repositories", ConfigNode.FromList(experiment.Repositories, Repository));
        node.Add("sources", ConfigNode.FromList(
            experiment.Sources,
            source => ConfigNode.FromItems([ConfigNode.From(source.Path), sourceReference(source)])));
        return node.Build();
    }

    private static ConfigNode Repository(GitRepository repository)
    {
        var node = new ConfigObjectBuilder();
        node.Add("commit", ConfigNode.From(repository.Commit));
        node.Add("dirty", ConfigNode.From(repository.Dirty));
        node.Add("url", ConfigNode.From(repository.Url));
        return node.Build();
    }

    private static ConfigNode Host(HostInfo host)
    {
        // Sacred's keys, with dotnet_version where Sacred has python_version.
        var members = new SortedDictionary<string, ConfigNode>(StringComparer.Ordinal)
        {
            ["ENV"] = StringDictionary(host.Environment),
            ["cpu"] = ConfigNode.From(host.Cpu),
            ["dotnet_version"] = ConfigNode.From(host.DotnetVersion),
            ["hostname"] = ConfigNode.From(host.Hostname),
            ["os"] = ConfigNode.FromList(host.Os, ConfigNode.From),
        };
        if (host.Gpus is not null)
        {
            members["gpus"] = host.Gpus;
        }

        foreach (var (key, value) in host.Extra)
        {
            members.TryAdd(key, value);
        }

        return ConfigNode.FromSortedMembers([.. members]);
    }

    private static ConfigNode Meta(MetaInfo meta)
    {
        var node = new ConfigObjectBuilder();
        node.Add("command", ConfigNode.From(meta.Command));
        node.Add("options", meta.Options);
        node.Add("named_configs", ConfigNode.FromList(meta.NamedConfigs, ConfigNode.From));
        node.Add("config_updates", meta.ConfigUpdates);
        if (meta.Comment is not null)
        {
            node.Add("comment", ConfigNode.From(meta.Comment));
        }

        if (meta.Priority is { } priority)
        {
            node.Add("priority", ConfigNode.From(priority));
        }

        return node.Build();
    }

    private static ConfigNode StringDictionary(IReadOnlyDictionary<string, string> values)
    {
        var node = new ConfigObjectBuilder();
        foreach (var (key, value) in values)
        {
            node.Add(key, ConfigNode.From(value));
        }

        return node.Build();
    }
}
