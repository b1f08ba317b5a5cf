using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>
/// A board over a store made for charts: three runs of 150,000 points each (three stored chunks, so a range can
/// skip some), two with optimizer adam and one sgd, each with a one-point spike, and one run with a short metric.
/// </summary>
public sealed class ChartsHost : RecordedStoreBoard
{
    public const int Points = 150_000;

    /// <summary>The runs by role: adam1, adam2, sgd, short.</summary>
    public Dictionary<string, long> Ids { get; } = [];

    /// <summary>Where each long run's spike is (step) and how high.</summary>
    public static (int Step, double Value) Spike(int run) => (31_337 + (run * 40_000), 50.0 + run);

    public ChartsHost()
        : base("charts")
    {
    }

    protected override void Record()
    {
        var roles = new[] { ("adam1", "adam", 0.1), ("adam2", "adam", 0.05), ("sgd", "sgd", 0.2) };
        for (var r = 0; r < roles.Length; r++)
        {
            var (role, optimizer, lr) = roles[r];
            var loss = Enumerable.Range(0, Points).Select(i => (1.0 + r) / (1 + (0.001 * i))).ToArray();
            var (step, value) = Spike(r);
            loss[step] = value;
            Ids[role] = new RecordedRun
            {
                Config = RecordedRun.BuildConfig(lr, 32, optimizer, 2 + r, 0.1, true),
                Metrics = { ["loss"] = loss },
                Duration = TimeSpan.FromHours(2),
                Start = DateTime.UtcNow.AddDays(-1),
            }.RecordInto(Path);
        }

        Ids["short"] = new RecordedRun
        {
            Experiment = "other",
            Config = RecordedRun.BuildConfig(0.3, 16, "sgd", 1, 0.1, false),
            Metrics = { ["loss"] = [3.0, 2.0, 1.0] },
        }.RecordInto(Path);
    }
}
