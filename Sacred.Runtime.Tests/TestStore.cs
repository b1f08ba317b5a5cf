using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Sacred.Runtime.Tests;

/// <summary>Runs these tests start record into a scratch store, never into the test's working directory.</summary>
internal static class TestStore
{
    [ModuleInitializer]
    internal static void UseScratchStore() =>
        Environment.SetEnvironmentVariable("SACRED_STORE", Path.Combine(Path.GetTempPath(), "sacred-runtime-tests-" + Environment.ProcessId));
}
