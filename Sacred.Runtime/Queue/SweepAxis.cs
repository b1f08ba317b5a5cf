using System;
using System.Collections.Generic;
using System.Globalization;

namespace Sacred.Queue;

/// <summary>
/// One key a sweep varies: a list of values (<c>lr=0.1,0.01</c>: every value in a grid, one at random in a random
/// search) or a range, for random search only: <c>dropout=0.1..0.5</c> (uniform), <c>lr=log:1e-4..1e-1</c>
/// (log-uniform), <c>layers=int:1..4</c> (a whole number, both ends included).
/// </summary>
/// <param name="Key">The config key.</param>
/// <param name="Values">The listed values as typed; empty for a range.</param>
/// <param name="Range">The range; null for a list.</param>
public sealed record SweepAxis(string Key, IReadOnlyList<string> Values, SweepRange? Range)
{
    /// <summary>A value drawn from the axis.</summary>
    /// <param name="random">The sweep's generator.</param>
    /// <returns>The value, as a command-line literal.</returns>
    public string Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Range is not { } range)
        {
            return Values[random.Next(Values.Count)];
        }

        return range.Kind switch
        {
            SweepRangeKind.Integer => ((long)Math.Floor(range.Low + (random.NextDouble() * (range.High - range.Low + 1)))).ToString(CultureInfo.InvariantCulture),
            SweepRangeKind.Log => Format(Math.Exp(Math.Log(range.Low) + (random.NextDouble() * (Math.Log(range.High) - Math.Log(range.Low))))),
            _ => Format(range.Low + (random.NextDouble() * (range.High - range.Low))),
        };
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains('.') || text.Contains('E')) ? text : text + ".0";
}
