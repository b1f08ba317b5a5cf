using Xunit;

namespace Sacred.Runtime.Tests.Capture;

/// <summary>
/// Tests that redirect fds 1 and 2 or replace <see cref="System.Console"/>'s writers change the whole process,
/// so they run one at a time and after all parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console and standard descriptors";
}
