using System;

namespace Mnist;

/// <summary>The contents of one IDX file of unsigned bytes: its dimensions and its values, row-major.</summary>
/// <param name="Dimensions">The sizes, outermost first: [count] for labels, [count, rows, columns] for images.</param>
/// <param name="Values">Every value, the last dimension varying fastest.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Values)
{
    /// <summary>The size of the first dimension: the number of items.</summary>
    public int Count => Dimensions[0];

    /// <summary>The values of one item: the bytes of image <paramref name="index"/>, or one label.</summary>
    public ReadOnlySpan<byte> Item(int index)
    {
        var length = Values.Length / Math.Max(Count, 1);
        return Values.AsSpan(index * length, length);
    }
}
