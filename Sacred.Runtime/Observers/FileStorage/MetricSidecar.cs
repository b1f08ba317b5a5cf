using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using Microsoft.Win32.SafeHandles;
using Sacred.Metrics;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// The points of one metric, appended as fixed 24-byte little-endian records (step int64, Unix-ms timestamp
/// int64, value float64) to <c>&lt;run&gt;/.metrics/&lt;index&gt;.bin</c>. Appending costs O(new points);
/// <see cref="MetricsJsonWriter"/> streams the records back when it regenerates <c>metrics.json</c>.
/// </summary>
internal sealed class MetricSidecar
{
    /// <summary>Bytes per point.</summary>
    public const int RecordSize = 24;

    /// <summary>Creates the sidecar of a new metric; the file is created at the first append.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="path">The sidecar file.</param>
    public MetricSidecar(string name, string path) => (Name, Path) = (name, path);

    /// <summary>The metric name.</summary>
    public string Name { get; }

    /// <summary>The sidecar file.</summary>
    public string Path { get; }

    /// <summary>How many points are stored.</summary>
    public long Count { get; private set; }

    /// <summary>
    /// Appends a batch. Writes go at the offset of the points already stored, so a write that failed half-way
    /// is overwritten by the next one instead of leaving a torn record.
    /// </summary>
    /// <param name="batch">The new points.</param>
    public void Append(MetricBatch batch)
    {
        if (batch.Values.Length != batch.Count || batch.TimestampsMs.Length != batch.Count)
        {
            throw new ArgumentException(
                $"metric '{batch.Name}': {batch.Count} steps, {batch.Values.Length} values and {batch.TimestampsMs.Length} timestamps; they must be parallel",
                nameof(batch));
        }

        var length = batch.Count * RecordSize;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var steps = batch.Steps.Span;
            var timestamps = batch.TimestampsMs.Span;
            var values = batch.Values.Span;
            for (var i = 0; i < batch.Count; i++)
            {
                var record = buffer.AsSpan(i * RecordSize, RecordSize);
                BinaryPrimitives.WriteInt64LittleEndian(record, steps[i]);
                BinaryPrimitives.WriteInt64LittleEndian(record[8..], timestamps[i]);
                BinaryPrimitives.WriteDoubleLittleEndian(record[16..], values[i]);
            }

            using var handle = File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.Write);
            RandomAccess.Write(handle, buffer.AsSpan(0, length), Count * RecordSize);
            Count += batch.Count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Opens the sidecar for reading its <see cref="Count"/> records.</summary>
    /// <returns>The handle.</returns>
    public SafeFileHandle OpenRead() => File.OpenHandle(Path, FileMode.Open, FileAccess.Read);
}
