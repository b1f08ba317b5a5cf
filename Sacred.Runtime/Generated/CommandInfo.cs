using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>One command of an experiment as the generator saw it.</summary>
/// <param name="Name">The name on the command line, e.g. <c>train</c> or <c>dataset.stats</c>.</param>
/// <param name="Doc">The description (attribute text or XML summary), if any.</param>
/// <param name="Signature">The C# signature, shown by <c>help COMMAND</c>.</param>
/// <param name="IsMain">True for the <see cref="MainAttribute"/> function, run when no command is given.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record CommandInfo(string Name, string? Doc, string Signature, bool IsMain);
