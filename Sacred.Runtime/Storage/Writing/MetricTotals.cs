using System;

namespace Sacred.Storage.Writing;

/// <summary>
/// A metric's summaries as the writer keeps them: folding in a batch costs O(batch), so a heartbeat never reads
/// the points already stored. Min, max and the sum skip NaN; ties keep the first step. <c>SumCount</c> counts the
/// values summed, so the mean is <c>Sum / SumCount</c>.
/// </summary>
internal readonly record struct MetricTotals(
    long Count,
    double? Min,
    long? MinStep,
    double? Max,
    long? MaxStep,
    double Last,
    long LastStep,
    long FirstTime,
    long LastTime,
    double Sum = 0,
    long SumCount = 0)
{
    public MetricTotals Append(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        if (steps.IsEmpty)
        {
            return this;
        }

        var min = Min;
        var minStep = MinStep;
        var max = Max;
        var maxStep = MaxStep;
        var sum = Sum;
        var sumCount = SumCount;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (double.IsNaN(value))
            {
                continue;
            }

            sum += value;
            sumCount++;
            if (min is not { } low || value < low)
            {
                min = value;
                minStep = steps[i];
            }

            if (max is not { } high || value > high)
            {
                max = value;
                maxStep = steps[i];
            }
        }

        return new MetricTotals(
            Count + steps.Length,
            min,
            minStep,
            max,
            maxStep,
            values[^1],
            steps[^1],
            Count == 0 ? timestampsMs[0] : FirstTime,
            timestampsMs[^1],
            sum,
            sumCount);
    }
}
