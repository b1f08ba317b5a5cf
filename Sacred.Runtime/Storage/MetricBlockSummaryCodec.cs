using System;
using System.Buffers.Binary;
using System.IO;

namespace Sacred.Storage;

/// <summary>
/// Encodes a chunk's block summaries (<see cref="MetricBlockSummary"/>, one per 256 points) as the BLOB that the
/// writer stores next to the chunk, so a chart's first read of a series needs no point of it. Layout: a format byte
/// (1), the block size (varint), the block count (varint), then per block: its first step and first timestamp as
/// zig-zag varint deltas from the previous block's, its first value (8 bytes), the min's index in the block plus one
/// (varint; 0: the block holds only NaN) and, when there are extremes, the max's index (varint); then for the min and
/// for the max, unless it is the block's first point: its step and timestamp as zig-zag varint deltas from the
/// block's first and its value (8 bytes). Blocks' point counts follow from the chunk's count. About 30–40 bytes per
/// 256 points (the points themselves take ~2,560).
/// </summary>
internal static class MetricBlockSummaryCodec
{
    private const byte Format = 1;

    /// <summary>The most bytes one block takes.</summary>
    private const int MaxBlockBytes = (4 * VarInt.MaxBytes) + 8 + (2 * ((2 * VarInt.MaxBytes) + 8));

    /// <summary>The most bytes <see cref="EncodeInto"/> writes for a chunk of <paramref name="count"/> points.</summary>
    public static int MaxEncodedLength(int count) => 1 + (2 * VarInt.MaxBytes) + (BlockCount(count) * MaxBlockBytes);

    /// <summary>Summarises a chunk's points block by block into <paramref name="span"/> (at least <see cref="MaxEncodedLength"/> bytes); returns the length.</summary>
    public static int EncodeInto(Span<byte> span, ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        var count = steps.Length;
        if (values.Length != count || timestampsMs.Length != count)
        {
            throw new ArgumentException("Steps, values and timestamps must have the same length.");
        }

        var blocks = BlockCount(count);
        span[0] = Format;
        var position = 1 + VarInt.Write(span[1..], MetricBlockSummary.Size);
        position += VarInt.Write(span[position..], (ulong)blocks);
        long previousStep = 0, previousTime = 0;
        for (var start = 0; start < count; start += MetricBlockSummary.Size)
        {
            var end = Math.Min(start + MetricBlockSummary.Size, count);
            var block = MetricBlockSummary.Of(steps[start..end], values[start..end], timestampsMs[start..end]);
            position += VarInt.Write(span[position..], VarInt.ZigZag(unchecked(block.FirstStep - previousStep)));
            position += VarInt.Write(span[position..], VarInt.ZigZag(unchecked(block.FirstTimeMs - previousTime)));
            BinaryPrimitives.WriteDoubleLittleEndian(span[position..], block.FirstValue);
            position += 8;
            (previousStep, previousTime) = (block.FirstStep, block.FirstTimeMs);
            position += VarInt.Write(span[position..], block.HasExtremes ? (ulong)block.MinIndex + 1 : 0);
            if (!block.HasExtremes)
            {
                continue;
            }

            position += VarInt.Write(span[position..], (ulong)block.MaxIndex);
            position = WriteExtreme(span, position, block, block.MinIndex, block.MinStep, block.MinTimeMs, block.MinValue);
            position = WriteExtreme(span, position, block, block.MaxIndex, block.MaxStep, block.MaxTimeMs, block.MaxValue);
        }

        return position;
    }

    /// <summary>
    /// Decodes the summaries stored for a chunk of <paramref name="chunkCount"/> points; false when they are of another
    /// format or block size, or do not fit the chunk (the reader then summarises the chunk's points itself).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> blob, long chunkCount, out MetricBlockSummary[] blocks)
    {
        blocks = [];
        try
        {
            if (blob.Length == 0 || blob[0] != Format || chunkCount <= 0 || chunkCount > MetricChunkCodec.MaxPointsPerChunk)
            {
                return false;
            }

            var position = 1;
            if (VarInt.Read(blob, ref position) != MetricBlockSummary.Size
                || VarInt.Read(blob, ref position) != (ulong)BlockCount((int)chunkCount))
            {
                return false;
            }

            var decoded = new MetricBlockSummary[BlockCount((int)chunkCount)];
            long step = 0, time = 0;
            for (var b = 0; b < decoded.Length; b++)
            {
                var count = (int)Math.Min(MetricBlockSummary.Size, chunkCount - ((long)b * MetricBlockSummary.Size));
                step = unchecked(step + VarInt.UnZigZag(VarInt.Read(blob, ref position)));
                time = unchecked(time + VarInt.UnZigZag(VarInt.Read(blob, ref position)));
                var first = ReadDouble(blob, ref position);
                var minPlusOne = VarInt.Read(blob, ref position);
                if (minPlusOne == 0)
                {
                    decoded[b] = new MetricBlockSummary(count, step, first, time, false, 0, 0, 0, 0, 0, 0, 0, 0);
                    continue;
                }

                var minIndex = (int)Math.Min(minPlusOne - 1, int.MaxValue);
                var maxIndex = (int)Math.Min(VarInt.Read(blob, ref position), int.MaxValue);
                if (minIndex >= count || maxIndex >= count)
                {
                    return false;
                }

                var (minStep, minTime, minValue) = ReadExtreme(blob, ref position, minIndex, step, time, first);
                var (maxStep, maxTime, maxValue) = ReadExtreme(blob, ref position, maxIndex, step, time, first);
                decoded[b] = new MetricBlockSummary(
                    count, step, first, time, true, minIndex, minStep, minValue, minTime, maxIndex, maxStep, maxValue, maxTime);
            }

            if (position != blob.Length)
            {
                return false;
            }

            blocks = decoded;
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static int BlockCount(int count) => (count + MetricBlockSummary.Size - 1) / MetricBlockSummary.Size;

    private static int WriteExtreme(Span<byte> span, int position, in MetricBlockSummary block, int index, long step, long time, double value)
    {
        if (index == 0)
        {
            return position;
        }

        position += VarInt.Write(span[position..], VarInt.ZigZag(unchecked(step - block.FirstStep)));
        position += VarInt.Write(span[position..], VarInt.ZigZag(unchecked(time - block.FirstTimeMs)));
        BinaryPrimitives.WriteDoubleLittleEndian(span[position..], value);
        return position + 8;
    }

    private static (long Step, long Time, double Value) ReadExtreme(ReadOnlySpan<byte> blob, ref int position, int index, long firstStep, long firstTime, double firstValue)
    {
        if (index == 0)
        {
            return (firstStep, firstTime, firstValue);
        }

        var step = unchecked(firstStep + VarInt.UnZigZag(VarInt.Read(blob, ref position)));
        var time = unchecked(firstTime + VarInt.UnZigZag(VarInt.Read(blob, ref position)));
        return (step, time, ReadDouble(blob, ref position));
    }

    private static double ReadDouble(ReadOnlySpan<byte> blob, ref int position)
    {
        if (blob.Length - position < 8)
        {
            throw new InvalidDataException("A metric chunk's summary ends inside a number.");
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(blob[position..]);
        position += 8;
        return value;
    }
}
