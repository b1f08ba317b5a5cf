using System;
using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>
/// Reduces a series, streamed chunk by chunk, to at most <c>maxPoints</c>: consecutive buckets of equal size, each
/// represented by its smallest and its largest point in logging order (one point when they coincide). Unlike
/// averaging or taking every n-th point, a one-point spike always survives. NaN values never win a bucket; a bucket
/// of NaN only is represented by its first point. Each kept point also carries its bucket's band (min and max), so
/// a chart can shade what the bucket spans.
/// </summary>
internal sealed class MetricDownsampler
{
    private readonly long _bucketSize;
    private readonly List<MetricPoint> _points;
    private readonly List<MetricBand> _bands;
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
        var capacity = (int)Math.Min(totalCount, maxPoints);
        _points = new List<MetricPoint>(capacity);
        _bands = new List<MetricBand>(Downsampled ? capacity : 0);
    }

    public bool Downsampled { get; }

    /// <summary>How many consecutive points each bucket holds (at least; a bucket fed whole blocks may hold a block more).</summary>
    public long BucketSize => _bucketSize;

    /// <summary>The band of each point of <see cref="Finish"/> (empty when the series is not downsampled).</summary>
    public IReadOnlyList<MetricBand> Bands => _bands;

    public void Add(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        if (!Downsampled)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                _points.Add(new MetricPoint(steps[i], values[i], UnixTime.FromMs(timestampsMs[i])));
            }

            return;
        }

        var start = 0;
        while (start < values.Length)
        {
            var take = (int)Math.Min(values.Length - start, _bucketSize - _inBucket);
            if (_inBucket == 0)
            {
                _first = new Candidate(steps[start], values[start], timestampsMs[start], 0);
            }

            // Scan the bucket's slice on values alone; steps and times are looked up only for the winners.
            var minAt = -1;
            var maxAt = -1;
            var minValue = double.PositiveInfinity;
            var maxValue = double.NegativeInfinity;
            for (var i = start; i < start + take; i++)
            {
                var value = values[i];
                if (value < minValue || (minAt < 0 && !double.IsNaN(value)))
                {
                    minValue = value;
                    minAt = i;
                }

                if (value > maxValue || (maxAt < 0 && !double.IsNaN(value)))
                {
                    maxValue = value;
                    maxAt = i;
                }
            }

            if (minAt >= 0)
            {
                var offset = _inBucket - start;
                if (!_hasExtremes)
                {
                    _min = new Candidate(steps[minAt], minValue, timestampsMs[minAt], offset + minAt);
                    _max = new Candidate(steps[maxAt], maxValue, timestampsMs[maxAt], offset + maxAt);
                    _hasExtremes = true;
                }
                else
                {
                    if (minValue < _min.Value)
                    {
                        _min = new Candidate(steps[minAt], minValue, timestampsMs[minAt], offset + minAt);
                    }

                    if (maxValue > _max.Value)
                    {
                        _max = new Candidate(steps[maxAt], maxValue, timestampsMs[maxAt], offset + maxAt);
                    }
                }
            }

            _inBucket += take;
            start += take;
            if (_inBucket == _bucketSize)
            {
                CloseBucket();
            }
        }
    }

    /// <summary>
    /// Adds a block of consecutive points by its summary. The block goes whole into the current bucket, which closes
    /// once it holds at least a bucket's worth, so each bucket's min and max stay exact.
    /// </summary>
    public void AddBlock(in MetricBlockSummary block)
    {
        if (_inBucket == 0)
        {
            _first = new Candidate(block.FirstStep, block.FirstValue, block.FirstTimeMs, 0);
        }

        if (block.HasExtremes)
        {
            var min = new Candidate(block.MinStep, block.MinValue, block.MinTimeMs, _inBucket + block.MinIndex);
            var max = new Candidate(block.MaxStep, block.MaxValue, block.MaxTimeMs, _inBucket + block.MaxIndex);
            if (!_hasExtremes)
            {
                (_min, _max, _hasExtremes) = (min, max, true);
            }
            else
            {
                if (min.Value < _min.Value)
                {
                    _min = min;
                }

                if (max.Value > _max.Value)
                {
                    _max = max;
                }
            }
        }

        _inBucket += block.Count;
        if (_inBucket >= _bucketSize)
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
        if (!_hasExtremes)
        {
            _points.Add(_first.ToPoint());
            _bands.Add(new MetricBand(double.NaN, double.NaN));
        }
        else if (_min.Value == _max.Value)
        {
            _points.Add(_min.Index <= _max.Index ? _min.ToPoint() : _max.ToPoint());
            _bands.Add(new MetricBand(_min.Value, _max.Value));
        }
        else
        {
            var band = new MetricBand(_min.Value, _max.Value);
            _points.Add((_min.Index < _max.Index ? _min : _max).ToPoint());
            _points.Add((_min.Index < _max.Index ? _max : _min).ToPoint());
            _bands.Add(band);
            _bands.Add(band);
        }

        _inBucket = 0;
        _hasExtremes = false;
    }

    private readonly record struct Candidate(long Step, double Value, long TimestampMs, long Index)
    {
        public MetricPoint ToPoint() => new(Step, Value, UnixTime.FromMs(TimestampMs));
    }
}
