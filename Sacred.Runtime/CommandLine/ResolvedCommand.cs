using Sacred.Generated;

namespace Sacred.CommandLine;

/// <summary>A command looked up by name.</summary>
/// <param name="Info">The command.</param>
/// <param name="IsBuiltIn">True for print_config and the other built-ins; false for the main function and experiment commands.</param>
internal sealed record ResolvedCommand(CommandInfo Info, bool IsBuiltIn);
