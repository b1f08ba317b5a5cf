using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// Streams sidecar records into Sacred's <c>metrics.json</c>:
/// <c>{"name": {"steps": [...], "timestamps": ["2024-05-01T10:00:00.512000", ...], "values": [...]}}</c>, laid
/// out as Python's <c>json.dump(..., sort_keys=True, indent=2)</c>. Memory stays constant: each column is read in
/// chunks, so a metric is read three times (steps, timestamps, values), sequentially.
/// </summary>
internal sealed class MetricsJsonWriter
{
    private const int ChunkRecords = 16 * 1024;
    private const int MaxItemLength = 72; // separator (8) + the longest double or timestamp text

    private readonly Stream _stream;
    private readonly byte[] _output = new byte[1 << 20];
    private readonly byte[] _records = new byte[ChunkRecords * MetricSidecar.RecordSize];
    private readonly PythonDateTime.MillisecondFormatter _timestamps = new();
    private int _used;

    private MetricsJsonWriter(Stream stream) => _stream = stream;

    private enum Column
    {
        Steps = 0,
        Timestamps = 8,
        Values = 16,
    }

    /// <summary>Writes the metrics, in the order given (which should be ordinal by name).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="metrics">The metrics, sorted by name.</param>
    public static void Write(Stream stream, IReadOnlyList<MetricSidecar> metrics)
    {
        var writer = new MetricsJsonWriter(stream);
        if (metrics.Count == 0)
        {
            writer.Raw("{}"u8);
        }
        else
        {
            writer.Raw("{"u8);
            for (var i = 0; i < metrics.Count; i++)
            {
                writer.Raw(i == 0 ? "\n  "u8 : ",\n  "u8);
                writer.Metric(metrics[i]);
            }

            writer.Raw("\n}"u8);
        }

        writer.Flush();
    }

    private void Metric(MetricSidecar metric)
    {
        Raw("\""u8);
        Raw(JsonEncodedText.Encode(metric.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes);
        Raw("\": {\n    \"steps\": "u8);
        Array(metric, Column.Steps);
        Raw(",\n    \"timestamps\": "u8);
        Array(metric, Column.Timestamps);
        Raw(",\n    \"values\": "u8);
        Array(metric, Column.Values);
        Raw("\n  }"u8);
    }

    private void Array(MetricSidecar metric, Column column)
    {
        if (metric.Count == 0)
        {
            Raw("[]"u8);
            return;
        }

        Raw("["u8);
        using var handle = metric.OpenRead();
        for (long done = 0; done < metric.Count;)
        {
            var records = (int)Math.Min(ChunkRecords, metric.Count - done);
            var chunk = _records.AsSpan(0, records * MetricSidecar.RecordSize);
            ReadExactly(handle, chunk, done * MetricSidecar.RecordSize, metric);
            Items(chunk, column, isFirstChunk: done == 0);
            done += records;
        }

        Raw("\n    ]"u8);
    }

    // The loop that runs 3 × points times: fully optimized from its first call, since the end-of-run rewrite
    // may be the first time it runs at all.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Items(ReadOnlySpan<byte> chunk, Column column, bool isFirstChunk)
    {
        for (var offset = (int)column; offset < chunk.Length; offset += MetricSidecar.RecordSize)
        {
            if (_output.Length - _used < MaxItemLength)
            {
                Flush();
            }

            var destination = _output.AsSpan(_used);
            var separator = isFirstChunk && offset == (int)column ? "\n      "u8 : ",\n      "u8;
            separator.CopyTo(destination);
            destination = destination[separator.Length..];
            var field = chunk.Slice(offset, 8);
            int written;
            switch (column)
            {
                case Column.Steps:
                    BinaryPrimitives.ReadInt64LittleEndian(field).TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
                    break;
                case Column.Timestamps:
                    destination[0] = (byte)'"';
                    written = _timestamps.Format(BinaryPrimitives.ReadInt64LittleEndian(field), destination[1..]) + 2;
                    destination[written - 1] = (byte)'"';
                    break;
                default:
                    written = FormatFloat(BinaryPrimitives.ReadDoubleLittleEndian(field), destination);
                    break;
            }

            _used += separator.Length + written;
        }
    }

    // As NumberText.Format, on bytes: shortest round-trip digits, a lower-case exponent, always a float form,
    // NaN and infinities as Python's json module writes them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FormatFloat(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            var special = double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8;
            special.CopyTo(destination);
            return special.Length;
        }

        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        var text = destination[..written];
        var exponent = text.IndexOf((byte)'E');
        if (exponent >= 0)
        {
            text[exponent] = (byte)'e';
        }
        else if (text.IndexOf((byte)'.') < 0)
        {
            ".0"u8.CopyTo(destination[written..]);
            written += 2;
        }

        return written;
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset, MetricSidecar metric)
    {
        while (buffer.Length > 0)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                throw new IOException($"metric sidecar '{metric.Path}' is shorter than its {metric.Count} points");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        if (_output.Length - _used < bytes.Length)
        {
            Flush();
            if (bytes.Length > _output.Length)
            {
                _stream.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_output.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Flush()
    {
        _stream.Write(_output, 0, _used);
        _used = 0;
    }
}
