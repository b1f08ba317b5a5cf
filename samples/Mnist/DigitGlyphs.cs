using System;
using System.Collections.Generic;

namespace Mnist;

/// <summary>
/// The pen strokes of the ten digits, as polylines in a unit box (x to the right, y down), in the forms people write
/// them: a closed and an open 4, a 1 with or without a flag and base, a 7 with or without a bar, and so on.
/// </summary>
public static class DigitGlyphs
{
    private static readonly Stroke[][][] s_glyphs =
    [
        [[Arc(0.5, 0.5, 0.28, 0.42, 0, 360)], [Arc(0.5, 0.5, 0.3, 0.42, 250, 600)]],
        [[Line(0.5, 0.08, 0.5, 0.92), Line(0.5, 0.08, 0.33, 0.24)], [Line(0.5, 0.08, 0.5, 0.92)], [Line(0.5, 0.08, 0.5, 0.92), Line(0.5, 0.08, 0.33, 0.24), Line(0.32, 0.92, 0.68, 0.92)]],
        [[Arc(0.5, 0.32, 0.27, 0.22, 160, 400).Then(0.22, 0.9).Then(0.8, 0.9)], [Arc(0.5, 0.32, 0.27, 0.22, 160, 400).Then(0.22, 0.86), Arc(0.3, 0.84, 0.08, 0.06, 90, 360).Then(0.8, 0.9)]],
        [[Arc(0.48, 0.3, 0.25, 0.2, 200, 450), Arc(0.48, 0.7, 0.27, 0.2, 270, 520)], [Line(0.25, 0.1, 0.72, 0.1).Then(0.45, 0.45), Arc(0.48, 0.68, 0.27, 0.23, 260, 520)]],
        [[Line(0.65, 0.08, 0.2, 0.62).Then(0.82, 0.62), Line(0.65, 0.08, 0.65, 0.92)], [Line(0.3, 0.08, 0.24, 0.58).Then(0.82, 0.58), Line(0.68, 0.3, 0.66, 0.92)]],
        [[Line(0.75, 0.1, 0.32, 0.1).Then(0.28, 0.45), Arc(0.48, 0.66, 0.27, 0.24, 220, 500)], [Line(0.3, 0.1, 0.28, 0.45), Arc(0.48, 0.66, 0.27, 0.24, 220, 500), Line(0.3, 0.1, 0.75, 0.1)]],
        [[Arc(0.62, 0.62, 0.38, 0.54, 250, 180), Arc(0.5, 0.66, 0.26, 0.25, 0, 360)], [Line(0.62, 0.08, 0.28, 0.6), Arc(0.5, 0.7, 0.24, 0.21, 0, 360)]],
        [[Line(0.2, 0.1, 0.8, 0.1).Then(0.4, 0.92)], [Line(0.2, 0.1, 0.8, 0.1).Then(0.45, 0.92), Line(0.4, 0.5, 0.75, 0.5)]],
        [[Arc(0.5, 0.29, 0.21, 0.2, 0, 360), Arc(0.5, 0.7, 0.26, 0.22, 0, 360)], [Arc(0.5, 0.29, 0.23, 0.2, 90, 450), Arc(0.5, 0.7, 0.22, 0.22, -90, 270)]],
        [[Arc(0.5, 0.32, 0.25, 0.23, 0, 360), Arc(0.38, 0.38, 0.37, 0.54, 0, 80)], [Arc(0.48, 0.3, 0.24, 0.21, 0, 360), Line(0.72, 0.3, 0.66, 0.92)]],
    ];

    /// <summary>The written forms of <paramref name="digit"/> (0 to 9), each a list of strokes.</summary>
    public static IReadOnlyList<IReadOnlyList<Stroke>> Of(int digit) => s_glyphs[digit];

    private static Stroke Line(double x0, double y0, double x1, double y1) => new([(x0, y0), (x1, y1)]);

    /// <summary>An elliptic arc from <paramref name="from"/> to <paramref name="to"/> degrees (0 right, 90 down).</summary>
    private static Stroke Arc(double cx, double cy, double rx, double ry, double from, double to)
    {
        var segments = (int)Math.Ceiling(Math.Abs(to - from) / 15);
        var points = new (double X, double Y)[segments + 1];
        for (var i = 0; i <= segments; i++)
        {
            var angle = (from + ((to - from) * i / segments)) * Math.PI / 180;
            points[i] = (cx + (rx * Math.Cos(angle)), cy + (ry * Math.Sin(angle)));
        }

        return new Stroke(points);
    }
}

/// <summary>One pen stroke: a polyline in the unit box.</summary>
/// <param name="Points">The polyline's points, in drawing order.</param>
public sealed record Stroke((double X, double Y)[] Points)
{
    /// <summary>This stroke continued by a straight line to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Stroke Then(double x, double y) => new([.. Points, (x, y)]);
}
