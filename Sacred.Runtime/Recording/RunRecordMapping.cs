using System;
using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Host;

namespace Sacred.Recording;

/// <summary>
/// The one mapping between the run record model (<see cref="RunStartedEvent"/> and the records it holds) and
/// Sacred's shape of a run, both ways: the field names (<c>base_dir</c>, <c>mainfile</c>, <c>ENV</c>,
/// <c>named_configs</c>, ...), <c>"name==version"</c> dependencies, and which keys are left out when there is
/// nothing to say, as Sacred's own observers write them: <c>meta.comment</c> only with <c>-c</c>,
/// <c>meta.priority</c> only with <c>-P</c>, <c>host.gpus</c> only where <c>nvidia-smi</c> answered. The trees it
/// makes are neutral (<see cref="ConfigNode"/>s whose times are <see cref="ConfigNodeKind.Timestamp"/> leaves):
/// the FileStorage observer writes them as JSON, the embedded store as JSON columns, a MongoDB observer as BSON.
/// </summary>
internal static class RunRecordMapping
{
    private static readonly HashSet<string> s_hostKeys = new(StringComparer.Ordinal) { "hostname", "os", "cpu", "gpus", "dotnet_version", "ENV" };

    /// <summary>Sacred's <c>experiment</c>; each store says how it refers to a source's stored copy.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="sourceReference">The second item of a source's <c>[path, reference]</c> pair: the md5, a stored path, a file id.</param>
    /// <param name="includeBuild">
    /// False for a store that keeps each build once on its own (the embedded store): <c>build</c> is left out, and the
    /// build's record is not even made.
    /// </param>
    public static ConfigNode Experiment(ExperimentInfo experiment, Func<SourceFileInfo, ConfigNode> sourceReference, bool includeBuild = true)
    {
        var node = new ConfigObjectBuilder();
        node.Add("base_dir", ConfigNode.From(experiment.BaseDirectory));
        if (includeBuild && experiment.Build is { } build)
        {
            node.Add("build", Build(build, sourceReference));
        }

        node.Add("dependencies", ConfigNode.FromList(experiment.Dependencies, d => ConfigNode.From(d.Name + "==" + d.Version)));
        node.Add("mainfile", ConfigNode.From(experiment.MainFile));
        node.Add("name", ConfigNode.From(experiment.Name));
        node.Add("repositories", ConfigNode.FromList(experiment.Repositories, Repository));
        node.Add("sources", ConfigNode.FromList(
            experiment.Sources,
            source => ConfigNode.FromItems([ConfigNode.From(source.Path), sourceReference(source)])));
        return node.Build();
    }

    /// <summary>Reads Sacred's <c>experiment</c> back; the sources stay <c>[path, reference]</c> pairs.</summary>
    public static RecordedExperiment ReadExperiment(ConfigNode node)
    {
        var dependencies = Dependencies(Items(node, "dependencies"));

        var repositories = new List<GitRepository>();
        foreach (var item in Items(node, "repositories"))
        {
            repositories.Add(new GitRepository(
                Text(item, "url") ?? "",
                Text(item, "commit") ?? "",
                item.Get("dirty") is { Kind: ConfigNodeKind.Bool } dirty && dirty.BoolValue));
        }

        return new RecordedExperiment(
            Text(node, "name") ?? "",
            Text(node, "base_dir") ?? "",
            Text(node, "mainfile") ?? "",
            PathReferences(Items(node, "sources")),
            dependencies,
            repositories)
        {
            Build = node.Get("build") is { Kind: ConfigNodeKind.Object } build ? ReadBuild(build) : null,
        };
    }

    /// <summary>
    /// <c>experiment.build</c>: what a rerun needs beyond the sources. Files are <c>[path, reference]</c> pairs as the
    /// sources are, their paths relative to <c>repository_root</c>; packages are <c>"id==version"</c>.
    /// </summary>
    private static ConfigNode Build(ExperimentBuild build, Func<SourceFileInfo, ConfigNode>? sourceReference)
    {
        var node = new ConfigObjectBuilder();
        if (sourceReference is not null)
        {
            node.Add("files", ConfigNode.FromList(build.Files, file => ConfigNode.FromItems([ConfigNode.From(file.Path), sourceReference(file)])));
        }

        node.Add("packages", ConfigNode.FromList(build.Packages, p => ConfigNode.From(p.Name + "==" + p.Version)));
        node.Add("project", ConfigNode.From(build.ProjectPath));
        node.Add("project_references", Strings(build.ProjectReferences));
        node.Add("repository_root", ConfigNode.From(build.RepositoryRoot));
        node.Add("sdk_version", ConfigNode.From(build.SdkVersion));
        node.Add("target_framework", ConfigNode.From(build.TargetFramework));
        return node.Build();
    }

    /// <summary>
    /// <c>experiment.build</c> without its files, as a store that keeps each build once holds it beside the build's
    /// file rows (the embedded store's <c>builds.record</c>).
    /// </summary>
    public static ConfigNode BuildWithoutFiles(ExperimentBuild build) => Build(build, sourceReference: null);

    /// <summary>Reads <c>experiment.build</c> back (its files are empty when the node has none).</summary>
    public static RecordedBuild ReadBuild(ConfigNode node) =>
        new(
            Text(node, "repository_root") ?? "",
            Text(node, "project") ?? "",
            Text(node, "target_framework") ?? "",
            Text(node, "sdk_version") ?? "",
            PathReferences(Items(node, "files")),
            Dependencies(Items(node, "packages")),
            StringList(node.Get("project_references")));

    private static List<KeyValuePair<string, ConfigNode>> PathReferences(IReadOnlyList<ConfigNode> items)
    {
        var pairs = new List<KeyValuePair<string, ConfigNode>>();
        foreach (var item in items)
        {
            if (item.Items is [{ Kind: ConfigNodeKind.String } path, var reference])
            {
                pairs.Add(new(path.StringValue, reference));
            }
        }

        return pairs;
    }

    private static List<DependencyInfo> Dependencies(IReadOnlyList<ConfigNode> items)
    {
        var dependencies = new List<DependencyInfo>();
        foreach (var item in items)
        {
            var text = item.Kind == ConfigNodeKind.String ? item.StringValue : item.ToJson(indented: false);
            var split = text.IndexOf("==", StringComparison.Ordinal);
            dependencies.Add(split < 0 ? new DependencyInfo(text, "") : new DependencyInfo(text[..split], text[(split + 2)..]));
        }

        return dependencies;
    }

    /// <summary>Sacred's <c>host</c>, with <c>dotnet_version</c> where Sacred has <c>python_version</c>.</summary>
    public static ConfigNode Host(HostInfo host)
    {
        var members = new SortedDictionary<string, ConfigNode>(StringComparer.Ordinal);
        foreach (var (key, value) in host.Extra)
        {
            members[key] = value;
        }

        var environment = new ConfigObjectBuilder();
        foreach (var (key, value) in host.Environment)
        {
            environment.Add(key, ConfigNode.From(value));
        }

        members["ENV"] = environment.Build();
        members["cpu"] = ConfigNode.From(host.Cpu);
        members["dotnet_version"] = ConfigNode.From(host.DotnetVersion);
        members["hostname"] = ConfigNode.From(host.Hostname);
        members["os"] = Strings(host.Os);
        if (host.Gpus is not null)
        {
            members["gpus"] = host.Gpus;
        }

        var node = new ConfigObjectBuilder();
        foreach (var (key, value) in members)
        {
            node.Add(key, value);
        }

        return node.Build();
    }

    /// <summary>Reads Sacred's <c>host</c> back; keys that are not Sacred's own are custom entries.</summary>
    public static HostInfo ReadHost(ConfigNode node)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Get("ENV")?.Members ?? [])
        {
            environment[key] = value.Kind == ConfigNodeKind.String ? value.StringValue : value.ToJson(indented: false);
        }

        var extra = new SortedDictionary<string, ConfigNode>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Members)
        {
            if (!s_hostKeys.Contains(key))
            {
                extra[key] = value;
            }
        }

        return new HostInfo(
            Text(node, "hostname") ?? "",
            StringList(node.Get("os")),
            Text(node, "cpu"),
            node.Get("gpus") is { Kind: not ConfigNodeKind.Null } gpus ? gpus : null,
            Text(node, "dotnet_version") ?? "",
            environment,
            extra);
    }

    /// <summary>Sacred's <c>meta</c>: <c>comment</c> and <c>priority</c> only when given, as Sacred writes them.</summary>
    public static ConfigNode Meta(MetaInfo meta)
    {
        var node = new ConfigObjectBuilder();
        node.Add("command", ConfigNode.From(meta.Command));
        node.Add("options", meta.Options);
        node.Add("named_configs", Strings(meta.NamedConfigs));
        node.Add("config_updates", meta.ConfigUpdates);
        if (meta.Comment is not null)
        {
            node.Add("comment", ConfigNode.From(meta.Comment));
        }

        if (meta.Priority is { } priority)
        {
            node.Add("priority", ConfigNode.From(priority));
        }

        if (meta.RerunOf is not null)
        {
            node.Add("rerun_of", ConfigNode.From(meta.RerunOf));
        }

        return node.Build();
    }

    /// <summary>Reads Sacred's <c>meta</c> back.</summary>
    public static MetaInfo ReadMeta(ConfigNode node) =>
        new MetaInfo(
            Text(node, "command") ?? "",
            node.Get("options") ?? ConfigNode.Null,
            Text(node, "comment"),
            StringList(node.Get("named_configs")),
            node.Get("config_updates") ?? ConfigNode.Null,
            node.Get("priority") switch
            {
                { Kind: ConfigNodeKind.Float } p => p.FloatValue,
                { Kind: ConfigNodeKind.Integer } p => p.IntegerValue,
                _ => null,
            })
        {
            RerunOf = Text(node, "rerun_of"),
        };

    /// <summary>Sacred's <c>config_modifications</c> keys: <c>modified</c>, <c>added</c>, <c>typechanged</c>.</summary>
    public static ConfigNode Modifications(ConfigModifications modifications)
    {
        var node = new ConfigObjectBuilder();
        node.Add("added", Strings(modifications.Added));
        node.Add("modified", Strings(modifications.Modified));
        node.Add("typechanged", Strings(modifications.TypeChanged));
        return node.Build();
    }

    /// <summary>Reads <c>config_modifications</c> back.</summary>
    public static ConfigModifications ReadModifications(ConfigNode node) =>
        new(StringList(node.Get("modified")), StringList(node.Get("added")), StringList(node.Get("typechanged")));

    /// <summary>Sacred's <c>fail_trace</c>: the formatted exception as a list of lines.</summary>
    public static ConfigNode FailTrace(IReadOnlyList<string> lines) => Strings(lines);

    /// <summary>Reads <c>fail_trace</c> back.</summary>
    public static IReadOnlyList<string> ReadFailTrace(ConfigNode node) => StringList(node);

    private static ConfigNode Repository(GitRepository repository)
    {
        var node = new ConfigObjectBuilder();
        node.Add("commit", ConfigNode.From(repository.Commit));
        node.Add("dirty", ConfigNode.From(repository.Dirty));
        node.Add("url", ConfigNode.From(repository.Url));
        return node.Build();
    }

    private static ConfigNode Strings(IReadOnlyList<string> items) => ConfigNode.FromList(items, ConfigNode.From);

    private static List<string> StringList(ConfigNode? node)
    {
        var list = new List<string>();
        foreach (var item in node?.Items ?? [])
        {
            list.Add(item.Kind == ConfigNodeKind.String ? item.StringValue : item.ToJson(indented: false));
        }

        return list;
    }

    private static IReadOnlyList<ConfigNode> Items(ConfigNode node, string key) => node.Get(key)?.Items ?? [];

    private static string? Text(ConfigNode node, string key) =>
        node.Get(key) is { Kind: ConfigNodeKind.String } value ? value.StringValue : null;
}
