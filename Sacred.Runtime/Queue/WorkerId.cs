using System;
using System.Security.Cryptography;

namespace Sacred.Queue;

/// <summary>A worker's id, <c>host:pid:random</c>: unique across machines and across restarts that reuse a pid.</summary>
public static class WorkerId
{
    /// <summary>A new id for this process.</summary>
    /// <returns>The id.</returns>
    public static string Create() =>
        $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
