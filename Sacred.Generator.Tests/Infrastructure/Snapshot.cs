using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Sacred.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text with a checked-in <c>.verified.cs</c> file byte for byte. A mismatch writes <c>.received.cs</c>
/// beside it and fails; <c>UPDATE_SNAPSHOTS=1</c> accepts the received text instead.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        throw new XunitException(expected is null
            ? $"No snapshot {verified}; wrote {received}. Review it and run with UPDATE_SNAPSHOTS=1 to accept."
            : $"Snapshot {verified} differs; wrote {received}. Diff them, and run with UPDATE_SNAPSHOTS=1 to accept.");
    }
}
