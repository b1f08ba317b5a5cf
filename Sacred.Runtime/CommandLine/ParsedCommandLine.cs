using System.Collections.Generic;

namespace Sacred.CommandLine;

/// <summary>A command line split into its parts, before the command or the updates are looked up.</summary>
/// <param name="Command">The COMMAND argument; null when none was given (the main function runs).</param>
/// <param name="HelpTopic">For <c>help COMMAND</c>, the command asked about.</param>
/// <param name="Updates">The UPDATE arguments after <c>with</c>, in order.</param>
/// <param name="Options">The parsed and validated flags.</param>
public sealed record ParsedCommandLine(string? Command, string? HelpTopic, IReadOnlyList<string> Updates, RunOptions Options);
