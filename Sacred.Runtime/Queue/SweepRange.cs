namespace Sacred.Queue;

/// <summary>How a random search draws from a range.</summary>
public enum SweepRangeKind
{
    /// <summary><c>0.1..0.5</c>: uniform.</summary>
    Uniform,

    /// <summary><c>log:1e-4..1e-1</c>: uniform in the logarithm, for learning rates.</summary>
    Log,

    /// <summary><c>int:1..4</c>: a whole number, both ends included.</summary>
    Integer,
}

/// <summary>A range a random search draws from.</summary>
/// <param name="Kind">Uniform, log-uniform or whole numbers.</param>
/// <param name="Low">The lower end.</param>
/// <param name="High">The upper end.</param>
public sealed record SweepRange(SweepRangeKind Kind, double Low, double High);
