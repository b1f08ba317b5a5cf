using System;
using System.Collections.Generic;

namespace Sacred.Storage;

/// <summary>
/// Reduces a series, streamed point by point, to at most <c>maxPoints</c>: consecutive buckets of equal size, each
/// represented by its smallest and its largest point in logging order (one point when they coincide). Unlike
/// averaging or taking every n-th point, a one-point spike always survives. NaN values never win a bucket; a bucket
/// of NaN only is represented by its first point.
/// </summary>
internal sealed class MetricDownsampler
{
    private readonly long _bucketSize;
    private readonly List<MetricPoint> _points;
    private long _index;
    private long _inBucket;
    private MetricPoint _first;
    private MetricPoint? _min;
    private MetricPoint? _max;
    private long _minIndex;
    private long _maxIndex;

    public MetricDownsampler(long totalCount, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        Downsampled = totalCount > maxPoints;
        var buckets = maxPoints / 2;
        _bucketSize = Downsampled ? (totalCount + buckets - 1) / buckets : 1;
        _points = new List<MetricPoint>((int)Math.Min(totalCount, maxPoints));
    }

    public bool Downsampled { get; }

    public void Add(long step, double value, long timestampMs)
    {
        var point = new MetricPoint(step, value, UnixTime.FromMs(timestampMs));
        if (!Downsampled)
        {
            _points.Add(point);
            return;
        }

        if (_inBucket == 0)
        {
            _first = point;
        }

        if (!double.IsNaN(value))
        {
            if (_min is null || value < _min.Value.Value)
            {
                _min = point;
                _minIndex = _index;
            }

            if (_max is null || value > _max.Value.Value)
            {
                _max = point;
                _maxIndex = _index;
            }
        }

        _index++;
        if (++_inBucket == _bucketSize)
        {
            CloseBucket();
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
        if (_min is not { } min || _max is not { } max)
        {
            _points.Add(_first);
        }
        else if (_minIndex == _maxIndex)
        {
            _points.Add(min);
        }
        else
        {
            _points.Add(_minIndex < _maxIndex ? min : max);
            _points.Add(_minIndex < _maxIndex ? max : min);
        }

        _inBucket = 0;
        _min = null;
        _max = null;
    }
}
