using System.Collections.Generic;
using Sacred.Configuration;
using Sacred.Generated;

namespace Sacred.Running;

/// <summary>The commands every experiment has, as Sacred names them.</summary>
internal static class BuiltInCommands
{
    public const string Run = "run";
    public const string PrintConfig = "print_config";
    public const string PrintDependencies = "print_dependencies";
    public const string PrintNamedConfigs = "print_named_configs";
    public const string SaveConfig = "save_config";
    public const string Help = "help";
    public const string Worker = "worker";
    public const string Sweep = "sweep";

    /// <summary>The built-ins, in the order the help lists them; <c>run</c> only when there is a main function.</summary>
    public static IReadOnlyList<CommandInfo> For(CommandInfo? main)
    {
        var commands = new List<CommandInfo>();
        if (main is not null)
        {
            commands.Add(new(Run, $"Run the main function ({main.Name}); the default command.", $"{Run} [with UPDATE...]", false));
        }

        commands.Add(new(PrintConfig, "Print the updated configuration and exit.", $"{PrintConfig} [with UPDATE...]", false));
        commands.Add(new(PrintDependencies, "Print the dependencies, sources and git state of the experiment.", PrintDependencies, false));
        commands.Add(new(PrintNamedConfigs, "Print the available named configurations and exit.", PrintNamedConfigs, false));
        commands.Add(new(
            SaveConfig,
            "Save the updated configuration as JSON to config.json, or to the file given as config_filename=FILE.",
            $"{SaveConfig} [with UPDATE... {ConfigSaver.FileNameKey}=FILE]",
            false));
        commands.Add(new(
            Worker,
            "Claim QUEUED runs of this build from the store and run them (options: worker --help).",
            $"{Worker} [--store DIR] [--lease 60s] [--exit-when-empty] [--any-build] [--max-attempts 3] [--poll 2s]",
            false));
        commands.Add(new(
            Sweep,
            "Queue a run per config: lr=0.1,0.01 gives a grid; --random N draws from lists and ranges (0.1..0.5, log:1e-4..1e-1, int:1..4).",
            $"{Sweep} [COMMAND] with UPDATE... [--random N [--sweep-seed S]] [options]",
            false));

        commands.Add(new(Help, "Print the usage, or the help of one command.", $"{Help} [COMMAND]", false));
        return commands;
    }
}
