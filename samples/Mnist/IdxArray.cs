namespace Mnist;

/// <summary>The contents of one IDX file of unsigned bytes: its dimensions and its values, row-major.</summary>
/// <param name="Dimensions">The sizes, outermost first: [count] for labels, [count, rows, columns] for images.</param>
/// <param name="Values">Every value, the last dimension varying fastest.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Values)
{
    /// <summary>The size of the first dimension: the number of items.</summary>
    public int Count => Dimensions[0];
}
