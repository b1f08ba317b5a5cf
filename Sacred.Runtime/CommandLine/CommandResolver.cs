using System;
using System.Collections.Generic;
using System.Linq;
using Sacred.Formatting;
using Sacred.Generated;
using Sacred.Running;

namespace Sacred.CommandLine;

/// <summary>
/// Finds the command to run: the experiment's own commands first (they may shadow a built-in, as in Sacred),
/// then <c>run</c> for the main function, then the built-ins.
/// </summary>
internal static class CommandResolver
{
    public static ResolvedCommand Resolve(IReadOnlyList<CommandInfo> commands, string? name)
    {
        var main = commands.FirstOrDefault(c => c.IsMain);
        if (name is null || name == BuiltInCommands.Run)
        {
            return main is not null
                ? new ResolvedCommand(main, false)
                : throw new UsageException(
                    (name is null ? "no command given" : "'run' runs the main function") +
                    $", and the experiment has no main function; commands: {string.Join(", ", AllNames(commands))}");
        }

        if (commands.FirstOrDefault(c => c.Name == name) is { } own)
        {
            return new ResolvedCommand(own, false);
        }

        if (BuiltInCommands.For(main).FirstOrDefault(c => c.Name == name) is { } builtIn)
        {
            return new ResolvedCommand(builtIn, true);
        }

        var names = AllNames(commands);
        var hint = Suggestions.DidYouMean(name, names) is { Length: > 0 } close ? close : ";";
        throw new UsageException($"unknown command '{name}'{hint} Commands: {string.Join(", ", names)}");
    }

    /// <summary>Every command name, the built-ins included, in ordinal order.</summary>
    public static IReadOnlyList<string> AllNames(IReadOnlyList<CommandInfo> commands) =>
        [.. commands.Concat(BuiltInCommands.For(commands.FirstOrDefault(c => c.IsMain)))
            .Select(c => c.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
