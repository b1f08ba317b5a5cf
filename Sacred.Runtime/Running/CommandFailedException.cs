using System;

namespace Sacred.Running;

/// <summary>
/// A well-formed command line that cannot be carried out (a file that cannot be written, a dirty repository
/// under <c>-e</c>): one <c>error:</c> line on stderr and exit code 1.
/// </summary>
internal sealed class CommandFailedException(string message) : Exception(message);
