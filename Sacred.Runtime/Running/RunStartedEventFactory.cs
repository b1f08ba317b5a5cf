using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Configuration;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Recording;

namespace Sacred.Running;

/// <summary>Collects what a run records at its start: experiment, sources, git, host, config, meta.</summary>
internal static class RunStartedEventFactory
{
    /// <summary>Set by <c>sacred rerun ID</c> for the rebuilt experiment: the run it re-runs, recorded as <c>meta.rerun_of</c>.</summary>
    public const string RerunOfVariable = "SACRED_RERUN_OF";

    public static RunStartedEvent Create<TState>(
        ExperimentDefinition<TState> definition, string experimentName, CommandInfo command, ConfigBuildResult<TState> config, RunOptions options)
        where TState : class
    {
        var sources = definition.Sources;
        var repository = GitRepository.Detect(sources.BaseDirectory);
        var experiment = new ExperimentInfo(
            experimentName,
            sources.BaseDirectory,
            sources.MainFile,
            sources.Files,
            sources.Dependencies,
            repository is null ? [] : [repository]).WithBuildOf(sources);

        var optionsNode = new ConfigObjectBuilder();
        foreach (var (key, value) in options.ToMeta())
        {
            optionsNode.Add(key, value);
        }

        var updates = new ConfigObjectBuilder().Build();
        foreach (var (key, value) in config.Updates)
        {
            updates = updates.WithValue(key, LiteralParser.Parse(value));
        }

        var meta = new MetaInfo(command.Name, optionsNode.Build(), options.Comment, config.NamedConfigs, updates, options.Priority)
        {
            RerunOf = Environment.GetEnvironmentVariable(RerunOfVariable) is { Length: > 0 } rerunOf ? rerunOf : null,
            ConfigFiles = ConfigFiles(options.Updates, definition.NamedConfigs),
        };
        var modifications = new ConfigModifications(
            config.Changes.Modified.Order(StringComparer.Ordinal).ToList(),
            config.Changes.Added.Order(StringComparer.Ordinal).ToList(),
            config.Changes.TypeChanged.Order(StringComparer.Ordinal).ToList());
        return new RunStartedEvent(options.Id, command.Name, experiment, HostInfoReader.Read(), DateTime.UtcNow, config.Config, modifications, meta, config.Seed);
    }

    /// <summary>The update files given after <c>with</c> (as <see cref="UpdateExpander"/> reads them), with their text, for a rerun.</summary>
    private static List<KeyValuePair<string, string>> ConfigFiles(IReadOnlyList<string> updates, IReadOnlyList<NamedConfigInfo> namedConfigs)
    {
        var files = new List<KeyValuePair<string, string>>();
        foreach (var token in updates)
        {
            if (!token.Contains('=', StringComparison.Ordinal) && token.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                && (File.Exists(token) || !namedConfigs.Any(n => n.Name == token)))
            {
                try
                {
                    files.Add(new(token, File.ReadAllText(token)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The config was built from it a moment ago; a file gone since is simply not recorded.
                }
            }
        }

        return files;
    }
}
