using System;
using System.Globalization;
using System.IO;

namespace Sacred.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux, 10 ms resolution): on a shared, loaded VM it tells what an operation
/// costs where wall time also counts the time other processes held the CPU.
/// </summary>
internal static class ThreadCpuTime
{
    private const double TicksPerSecond = 100; // USER_HZ

    public static TimeSpan Now()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
