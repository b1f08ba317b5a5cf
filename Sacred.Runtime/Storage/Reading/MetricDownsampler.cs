using System;
using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>
/// Reduces a series, streamed chunk by chunk, to at most <c>maxPoints</c>: consecutive buckets of equal size, each
/// represented by its smallest and its largest point in logging order (one point when they coincide). Unlike
/// averaging or taking every n-th point, a one-point spike always survives. NaN values never win a bucket; a bucket
/// of NaN only is represented by its first point.
/// </summary>
internal sealed class MetricDownsampler
{
    private readonly long _bucketSize;
    private readonly List<MetricPoint> _points;
    private long _inBucket;
    private Candidate _first;
    private Candidate _min;
    private Candidate _max;
    private bool _hasExtremes;

    public MetricDownsampler(long totalCount, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        Downsampled = totalCount > maxPoints;
        var buckets = maxPoints / 2;
        _bucketSize = Downsampled ? (totalCount + buckets - 1) / buckets : 1;
        _points = new List<MetricPoint>((int)Math.Min(totalCount, maxPoints));
    }

    public bool Downsampled { get; }

    public void Add(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            if (!Downsampled)
            {
                _points.Add(new Candidate(steps[i], values[i], timestampsMs[i], 0).ToPoint());
                continue;
            }

            var value = values[i];
            if (_inBucket == 0)
            {
                _first = new Candidate(steps[i], value, timestampsMs[i], 0);
            }

            if (!double.IsNaN(value))
            {
                if (!_hasExtremes)
                {
                    _min = _max = new Candidate(steps[i], value, timestampsMs[i], _inBucket);
                    _hasExtremes = true;
                }
                else if (value < _min.Value)
                {
                    _min = new Candidate(steps[i], value, timestampsMs[i], _inBucket);
                }
                else if (value > _max.Value)
                {
                    _max = new Candidate(steps[i], value, timestampsMs[i], _inBucket);
                }
            }

            if (++_inBucket == _bucketSize)
            {
                CloseBucket();
            }
        }
    }

    public IReadOnlyList<MetricPoint> Finish()
    {
        if (Downsampled && _inBucket > 0)
        {
            CloseBucket();
        }

        return _points;
    }

    private void CloseBucket()
    {
        if (!_hasExtremes)
        {
            _points.Add(_first.ToPoint());
        }
        else if (_min.Index == _max.Index)
        {
            _points.Add(_min.ToPoint());
        }
        else
        {
            _points.Add((_min.Index < _max.Index ? _min : _max).ToPoint());
            _points.Add((_min.Index < _max.Index ? _max : _min).ToPoint());
        }

        _inBucket = 0;
        _hasExtremes = false;
    }

    private readonly record struct Candidate(long Step, double Value, long TimestampMs, long Index)
    {
        public MetricPoint ToPoint() => new(Step, Value, UnixTime.FromMs(TimestampMs));
    }
}
