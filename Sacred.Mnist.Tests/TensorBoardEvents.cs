using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Sacred.Mnist.Tests;

/// <summary>A scalar from a TensorBoard event file.</summary>
public sealed record ScalarEvent(string Tag, long Step, float Value);

/// <summary>
/// Reads the scalars of a TensorBoard <c>events.out.tfevents.*</c> file: TFRecord framing (length, CRC, data, CRC)
/// around <c>Event</c> protocol buffers (step = 2, summary = 5 → value = 1 → tag = 1, simple_value = 2).
/// </summary>
public static class TensorBoardEvents
{
    public static List<ScalarEvent> ReadScalars(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var scalars = new List<ScalarEvent>();
        var position = 0;
        while (position < bytes.Length)
        {
            var length = (int)BitConverter.ToUInt64(bytes, position);
            var record = bytes.AsSpan(position + 12, length);
            position += 12 + length + 4;
            long step = 0;
            var values = new List<(string Tag, float Value)>();
            foreach (var (field, value) in Fields(record))
            {
                if (field == 2)
                {
                    step = (long)value.Varint;
                }
                else if (field == 5)
                {
                    foreach (var (summaryField, summaryValue) in Fields(value.Bytes))
                    {
                        if (summaryField == 1)
                        {
                            values.Add(ScalarOf(summaryValue.Bytes));
                        }
                    }
                }
            }

            foreach (var (tag, scalar) in values)
            {
                scalars.Add(new ScalarEvent(tag, step, scalar));
            }
        }

        if (position != bytes.Length)
        {
            throw new InvalidDataException($"{path} ends inside a record");
        }

        return scalars;
    }

    private static (string Tag, float Value) ScalarOf(ReadOnlySpan<byte> value)
    {
        var tag = string.Empty;
        var scalar = float.NaN;
        foreach (var (field, content) in Fields(value))
        {
            if (field == 1)
            {
                tag = Encoding.UTF8.GetString(content.Bytes);
            }
            else if (field == 2)
            {
                scalar = BitConverter.Int32BitsToSingle((int)content.Varint);
            }
        }

        return (tag, scalar);
    }

    private static List<(int Field, FieldValue Value)> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<(int, FieldValue)>();
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    fields.Add((field, new FieldValue(ReadVarint(message, ref position), [])));
                    break;
                case 1:
                    fields.Add((field, new FieldValue(BitConverter.ToUInt64(message.Slice(position, 8)), [])));
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    fields.Add((field, new FieldValue(0, message.Slice(position, length).ToArray())));
                    position += length;
                    break;
                case 5:
                    fields.Add((field, new FieldValue(BitConverter.ToUInt32(message.Slice(position, 4)), [])));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"unexpected wire type {key & 7}");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private sealed record FieldValue(ulong Varint, byte[] Bytes);
}
