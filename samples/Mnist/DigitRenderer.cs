using System;

namespace Mnist;

/// <summary>
/// Renders a digit as a 28×28 grey image the way MNIST digits look: one of its written forms, the strokes distorted
/// by a random slant, rotation, scale, shift, wobble and per-point jitter, drawn with an anti-aliased pen of random
/// width into the central 20×20 pixels; then sometimes a stray mark, some ink dropped and noise added. Every draw comes from the <see cref="Random"/> given, so an image is a
/// pure function of its seed.
/// </summary>
public static class DigitRenderer
{
    /// <summary>Image width and height in pixels.</summary>
    public const int Size = 28;

    private const double Box = 20;
    private const double Margin = (Size - Box) / 2;
    private const double StrayMarkChance = 0.3;
    private const double DropoutChance = 0.1;

    /// <summary>Draws <paramref name="digit"/> into <paramref name="pixels"/> (row-major, values in [0, 1]).</summary>
    /// <param name="digit">The digit, 0 to 9.</param>
    /// <param name="noise">Standard deviation of the pixel noise.</param>
    /// <param name="random">The source of every variation.</param>
    /// <param name="pixels">Size × Size values, overwritten.</param>
    public static void Render(int digit, double noise, Random random, Span<float> pixels)
    {
        pixels.Clear();
        var style = Style.Draw(random);
        var forms = DigitGlyphs.Of(digit);
        foreach (var stroke in forms[random.Next(forms.Count)])
        {
            var previous = style.Apply(stroke.Points[0], random);
            for (var i = 1; i < stroke.Points.Length; i++)
            {
                var next = style.Apply(stroke.Points[i], random);
                DrawSegment(previous, next, style.PenRadius, pixels);
                previous = next;
            }
        }

        if (random.NextDouble() < StrayMarkChance)
        {
            var x = 2 + (random.NextDouble() * (Size - 4));
            var y = 2 + (random.NextDouble() * (Size - 4));
            var angle = random.NextDouble() * Math.PI;
            var length = 2 + (random.NextDouble() * 5);
            DrawSegment((x, y), (x + (length * Math.Cos(angle)), y + (length * Math.Sin(angle))), 0.6, pixels);
        }

        for (var i = 0; i < pixels.Length; i++)
        {
            var ink = random.NextDouble() < DropoutChance ? 0 : pixels[i];
            pixels[i] = (float)Math.Clamp(ink + (noise * Gaussian(random)), 0, 1);
        }
    }

    /// <summary>Anti-aliased thick segment: each pixel takes the max of its value and the pen's coverage.</summary>
    private static void DrawSegment((double X, double Y) a, (double X, double Y) b, double radius, Span<float> pixels)
    {
        var reach = radius + 1;
        var left = Math.Max(0, (int)Math.Floor(Math.Min(a.X, b.X) - reach));
        var right = Math.Min(Size - 1, (int)Math.Ceiling(Math.Max(a.X, b.X) + reach));
        var top = Math.Max(0, (int)Math.Floor(Math.Min(a.Y, b.Y) - reach));
        var bottom = Math.Min(Size - 1, (int)Math.Ceiling(Math.Max(a.Y, b.Y) + reach));
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var lengthSquared = Math.Max((dx * dx) + (dy * dy), 1e-12);
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                var px = x + 0.5;
                var py = y + 0.5;
                var t = Math.Clamp((((px - a.X) * dx) + ((py - a.Y) * dy)) / lengthSquared, 0, 1);
                var ex = px - (a.X + (t * dx));
                var ey = py - (a.Y + (t * dy));
                var coverage = (float)Math.Clamp(radius + 0.5 - Math.Sqrt((ex * ex) + (ey * ey)), 0, 1);
                ref var pixel = ref pixels[(y * Size) + x];
                pixel = Math.Max(pixel, coverage);
            }
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>One writer's hand for one image: an affine distortion, a wobble, a pen width.</summary>
    private readonly record struct Style(
        double A, double B, double C, double D, double ShiftX, double ShiftY,
        double WobbleAmplitude, double WobblePhase, double Jitter, double PenRadius)
    {
        public static Style Draw(Random random)
        {
            var angle = Uniform(random, -0.3, 0.3);
            var slant = Uniform(random, -0.45, 0.45);
            var scaleX = Uniform(random, 0.65, 1.2);
            var scaleY = Uniform(random, 0.75, 1.1);
            var cos = Math.Cos(angle);
            var sin = Math.Sin(angle);
            return new Style(
                cos * scaleX, ((cos * slant) - sin) * scaleY, sin * scaleX, ((sin * slant) + cos) * scaleY,
                Uniform(random, -0.12, 0.12), Uniform(random, -0.1, 0.1),
                Uniform(random, 0, 0.08), Uniform(random, 0, 2 * Math.PI),
                Uniform(random, 0.01, 0.04),
                Uniform(random, 0.7, 1.7));
        }

        /// <summary>Maps a unit-box point to pixel coordinates, distorted.</summary>
        public (double X, double Y) Apply((double X, double Y) point, Random random)
        {
            var x = point.X - 0.5 + (Jitter * Gaussian(random)) + (WobbleAmplitude * Math.Sin((point.Y * 2 * Math.PI) + WobblePhase));
            var y = point.Y - 0.5 + (Jitter * Gaussian(random));
            var u = (A * x) + (B * y) + 0.5 + ShiftX;
            var v = (C * x) + (D * y) + 0.5 + ShiftY;
            return (Margin + (u * Box), Margin + (v * Box));
        }

        private static double Uniform(Random random, double low, double high) => low + ((high - low) * random.NextDouble());
    }
}
