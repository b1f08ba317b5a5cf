using System;
using System.IO;
using Microsoft.Extensions.Logging;
using Sacred.Configuration;
using Sacred.Generated;
using Sacred.Host;

namespace Sacred.Running;

/// <summary>
/// Carries out the built-in commands that print or save and record nothing, as Sacred registers them unobserved:
/// <c>print_config</c>, <c>print_named_configs</c>, <c>print_dependencies</c>, <c>save_config</c>.
/// </summary>
internal static class BuiltInCommandRunner
{
    /// <summary>Runs the built-in <paramref name="command"/>; returns the exit code.</summary>
    /// <exception cref="CommandFailedException">save_config cannot write its file.</exception>
    public static int Execute<TState>(
        ExperimentDefinition<TState> definition, string command, ConfigBuildResult<TState> config, string configFileName, HostEnvironment host, bool color, ILogger logger)
        where TState : class
    {
        switch (command)
        {
            case BuiltInCommands.PrintConfig:
                host.Out.Write(ConfigPrinter.Render(config.Config, config.Changes, definition.Keys, color));
                break;
            case BuiltInCommands.PrintNamedConfigs:
                host.Out.Write(NamedConfigsPrinter.Render(definition.NamedConfigs, color));
                break;
            case BuiltInCommands.PrintDependencies:
                host.Out.Write(DependenciesPrinter.Render(definition.Sources, GitRepository.Detect(definition.Sources.BaseDirectory), color));
                break;
            case BuiltInCommands.SaveConfig:
                logger.LogInformation("Saving config to \"{FileName}\"", configFileName);
                try
                {
                    ConfigSaver.Save(config.Config, configFileName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CommandFailedException($"cannot write config file '{configFileName}': {e.Message}");
                }

                break;
        }

        return 0;
    }
}
