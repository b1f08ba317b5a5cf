using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;

namespace Sacred.Storage;

/// <summary>
/// Encodes a run of metric points as one BLOB: a format byte (1), the point count (varint), the values as raw
/// little-endian doubles (8 bytes each, exact, NaN included), then the steps and the timestamps, each as a
/// zig-zag varint first value followed by zig-zag varint deltas. Steps that go up by one and points logged within
/// the same millisecond cost one byte each, so a point usually takes 10 bytes.
/// </summary>
internal static class MetricChunkCodec
{
    /// <summary>The most points one chunk holds; larger batches are split, so a reader never decodes a huge BLOB.</summary>
    public const int MaxPointsPerChunk = 65_536;

    private const byte Format = 1;

    public static byte[] Encode(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        var count = steps.Length;
        if (values.Length != count || timestampsMs.Length != count)
        {
            throw new ArgumentException("Steps, values and timestamps must have the same length.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxEncodedLength(count));
        try
        {
            return EncodeToArray(buffer, steps, values, timestampsMs);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The most bytes <see cref="EncodeInto(Span{byte}, ReadOnlySpan{long}, ReadOnlySpan{double}, ReadOnlySpan{long})"/> writes for <paramref name="count"/> points.</summary>
    public static int MaxEncodedLength(int count) => 1 + VarInt.MaxBytes + (count * (8 + VarInt.MaxBytes + VarInt.MaxBytes));

    /// <summary>Encodes into <paramref name="span"/> (at least <see cref="MaxEncodedLength"/> bytes); returns the length.</summary>
    public static int EncodeInto(Span<byte> span, ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        var count = steps.Length;
        if (values.Length != count || timestampsMs.Length != count)
        {
            throw new ArgumentException("Steps, values and timestamps must have the same length.");
        }

        return EncodeUnchecked(span, steps, values, timestampsMs);
    }

    private static byte[] EncodeToArray(Span<byte> span, ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs) =>
        span[..EncodeUnchecked(span, steps, values, timestampsMs)].ToArray();

    private static int EncodeUnchecked(Span<byte> span, ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        var count = steps.Length;
        span[0] = Format;
        var position = 1 + VarInt.Write(span[1..], (ulong)count);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(span[position..]);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(span[(position + (8 * i))..], values[i]);
            }
        }

        position += 8 * count;
        position = WriteDeltas(span, position, steps);
        position = WriteDeltas(span, position, timestampsMs);
        return position;
    }

    /// <summary>Reads the point count of a chunk.</summary>
    public static int CountOf(ReadOnlySpan<byte> chunk)
    {
        CheckFormat(chunk);
        var position = 1;
        return checked((int)VarInt.Read(chunk, ref position));
    }

    /// <summary>Decodes a chunk into the given arrays (each at least <see cref="CountOf"/> long); returns the count.</summary>
    public static int Decode(ReadOnlySpan<byte> chunk, Span<long> steps, Span<double> values, Span<long> timestampsMs)
    {
        CheckFormat(chunk);
        var position = 1;
        var count = checked((int)VarInt.Read(chunk, ref position));
        if (steps.Length < count || values.Length < count || timestampsMs.Length < count)
        {
            throw new ArgumentException("The destination arrays are shorter than the chunk.");
        }

        if (chunk.Length - position < 8 * count)
        {
            throw new InvalidDataException("A metric chunk is shorter than its point count says.");
        }

        if (BitConverter.IsLittleEndian)
        {
            chunk.Slice(position, 8 * count).CopyTo(MemoryMarshal.AsBytes(values[..count]));
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadDoubleLittleEndian(chunk[(position + (8 * i))..]);
            }
        }

        position += 8 * count;
        position = ReadDeltas(chunk, position, steps[..count]);
        ReadDeltas(chunk, position, timestampsMs[..count]);
        return count;
    }

    private static int WriteDeltas(Span<byte> buffer, int position, ReadOnlySpan<long> numbers)
    {
        long previous = 0;
        foreach (var number in numbers)
        {
            position += VarInt.Write(buffer[position..], VarInt.ZigZag(unchecked(number - previous)));
            previous = number;
        }

        return position;
    }

    private static int ReadDeltas(ReadOnlySpan<byte> chunk, int position, Span<long> numbers)
    {
        long previous = 0;
        for (var i = 0; i < numbers.Length; i++)
        {
            previous = unchecked(previous + VarInt.UnZigZag(VarInt.Read(chunk, ref position)));
            numbers[i] = previous;
        }

        return position;
    }

    private static void CheckFormat(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length == 0 || chunk[0] != Format)
        {
            throw new InvalidDataException(
                $"A metric chunk has format {(chunk.Length == 0 ? "none" : chunk[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}; this Sacred reads format {Format}.");
        }
    }
}
