using System;
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
        };
        var modifications = new ConfigModifications(
            config.Changes.Modified.Order(StringComparer.Ordinal).ToList(),
            config.Changes.Added.Order(StringComparer.Ordinal).ToList(),
            config.Changes.TypeChanged.Order(StringComparer.Ordinal).ToList());
        return new RunStartedEvent(options.Id, command.Name, experiment, HostInfoReader.Read(), DateTime.UtcNow, config.Config, modifications, meta, config.Seed);
    }
}
