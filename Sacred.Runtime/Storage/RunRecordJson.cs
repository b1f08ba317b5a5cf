using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Recording;
using Sacred.Storage.Reading;

namespace Sacred.Storage;

/// <summary>
/// The JSON shapes of the <c>runs</c> table's composite columns, named as Sacred names them (<c>base_dir</c>,
/// <c>mainfile</c>, <c>ENV</c>, <c>named_configs</c>, ...) so that exporting to Sacred's formats is a copy.
/// </summary>
internal static class RunRecordJson
{
    private static readonly HashSet<string> s_hostKeys = ["hostname", "os", "cpu", "gpus", "dotnet_version", "ENV"];

    public static ConfigNode Experiment(ExperimentInfo experiment)
    {
        var node = new ConfigObjectBuilder();
        node.Add("name", ConfigNode.From(experiment.Name));
        node.Add("base_dir", ConfigNode.From(experiment.BaseDirectory));
        node.Add("mainfile", ConfigNode.From(experiment.MainFile));
        node.Add("sources", ConfigNode.FromList(experiment.Sources, s => Strings([s.Path, s.Md5])));
        node.Add("dependencies", ConfigNode.FromList(experiment.Dependencies, d => ConfigNode.From(d.Name + "==" + d.Version)));
        node.Add("repositories", ConfigNode.FromList(experiment.Repositories, r =>
        {
            var repository = new ConfigObjectBuilder();
            repository.Add("url", ConfigNode.From(r.Url));
            repository.Add("commit", ConfigNode.From(r.Commit));
            repository.Add("dirty", ConfigNode.From(r.Dirty));
            return repository.Build();
        }));
        return node.Build();
    }

    public static StoredExperiment ReadExperiment(ConfigNode node, IReadOnlyList<StoredSource> sources)
    {
        var dependencies = new List<DependencyInfo>();
        foreach (var item in Items(node, "dependencies"))
        {
            var text = item.StringValue;
            var split = text.IndexOf("==", System.StringComparison.Ordinal);
            dependencies.Add(split < 0 ? new DependencyInfo(text, "") : new DependencyInfo(text[..split], text[(split + 2)..]));
        }

        var repositories = new List<GitRepository>();
        foreach (var item in Items(node, "repositories"))
        {
            repositories.Add(new GitRepository(
                String(item, "url") ?? "",
                String(item, "commit") ?? "",
                item.Get("dirty") is { Kind: ConfigNodeKind.Bool } dirty && dirty.BoolValue));
        }

        return new StoredExperiment(
            String(node, "name") ?? "",
            String(node, "base_dir") ?? "",
            String(node, "mainfile") ?? "",
            sources,
            dependencies,
            repositories);
    }

    public static ConfigNode Host(HostInfo host)
    {
        var members = new SortedDictionary<string, ConfigNode>(System.StringComparer.Ordinal);
        foreach (var (key, value) in host.Extra)
        {
            members[key] = value;
        }

        var environment = new ConfigObjectBuilder();
        foreach (var (key, value) in host.Environment)
        {
            environment.Add(key, ConfigNode.From(value));
        }

        members["hostname"] = ConfigNode.From(host.Hostname);
        members["os"] = Strings(host.Os);
        members["cpu"] = ConfigNode.From(host.Cpu);
        members["gpus"] = host.Gpus ?? ConfigNode.Null;
        members["dotnet_version"] = ConfigNode.From(host.DotnetVersion);
        members["ENV"] = environment.Build();
        return ConfigNode.FromSortedMembers([.. members]);
    }

    public static HostInfo ReadHost(ConfigNode node)
    {
        var environment = new Dictionary<string, string>();
        foreach (var (key, value) in node.Get("ENV")?.Members ?? [])
        {
            environment[key] = value.Kind == ConfigNodeKind.String ? value.StringValue : value.ToJson(indented: false);
        }

        var extra = new Dictionary<string, ConfigNode>();
        foreach (var (key, value) in node.Members)
        {
            if (!s_hostKeys.Contains(key))
            {
                extra[key] = value;
            }
        }

        return new HostInfo(
            String(node, "hostname") ?? "",
            StringList(node, "os"),
            String(node, "cpu"),
            node.Get("gpus") is { Kind: not ConfigNodeKind.Null } gpus ? gpus : null,
            String(node, "dotnet_version") ?? "",
            environment,
            extra);
    }

    public static ConfigNode Meta(MetaInfo meta)
    {
        var node = new ConfigObjectBuilder();
        node.Add("command", ConfigNode.From(meta.Command));
        node.Add("options", meta.Options);
        node.Add("comment", ConfigNode.From(meta.Comment));
        node.Add("named_configs", Strings(meta.NamedConfigs));
        node.Add("config_updates", meta.ConfigUpdates);
        node.Add("priority", meta.Priority is { } priority ? ConfigNode.From(priority) : ConfigNode.Null);
        return node.Build();
    }

    public static MetaInfo ReadMeta(ConfigNode node) =>
        new(
            String(node, "command") ?? "",
            node.Get("options") ?? ConfigNode.Null,
            String(node, "comment"),
            StringList(node, "named_configs"),
            node.Get("config_updates") ?? ConfigNode.Null,
            node.Get("priority") switch
            {
                { Kind: ConfigNodeKind.Float } p => p.FloatValue,
                { Kind: ConfigNodeKind.Integer } p => p.IntegerValue,
                _ => null,
            });

    public static ConfigNode Modifications(ConfigModifications modifications)
    {
        var node = new ConfigObjectBuilder();
        node.Add("modified", Strings(modifications.Modified));
        node.Add("added", Strings(modifications.Added));
        node.Add("typechanged", Strings(modifications.TypeChanged));
        return node.Build();
    }

    public static ConfigModifications ReadModifications(ConfigNode node) =>
        new(StringList(node, "modified"), StringList(node, "added"), StringList(node, "typechanged"));

    public static ConfigNode Strings(IReadOnlyList<string> items) => ConfigNode.FromList(items, ConfigNode.From);

    public static IReadOnlyList<string> StringList(ConfigNode node)
    {
        var list = new List<string>();
        foreach (var item in node.Items)
        {
            list.Add(item.Kind == ConfigNodeKind.String ? item.StringValue : item.ToJson(indented: false));
        }

        return list;
    }

    private static IReadOnlyList<string> StringList(ConfigNode node, string key) =>
        node.Get(key) is { } list ? StringList(list) : [];

    private static IReadOnlyList<ConfigNode> Items(ConfigNode node, string key) => node.Get(key)?.Items ?? [];

    private static string? String(ConfigNode node, string key) =>
        node.Get(key) is { Kind: ConfigNodeKind.String } value ? value.StringValue : null;
}
