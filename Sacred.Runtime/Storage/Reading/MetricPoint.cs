using System;

namespace Sacred.Storage.Reading;

/// <summary>One logged point of a metric.</summary>
/// <param name="Step">The step.</param>
/// <param name="Value">The value.</param>
/// <param name="Time">When it was logged (UTC, millisecond precision).</param>
public readonly record struct MetricPoint(long Step, double Value, DateTime Time);
