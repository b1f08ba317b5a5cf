namespace Sacred.Metrics;

/// <summary>
/// A fixed block of point slots. Producers claim slots with an atomic increment of <see cref="Reserved"/>; once
/// every slot is claimed the chunk gets a <see cref="Next"/>, and once the consumer has read every slot it goes
/// back to the buffer's pool to be reused.
/// </summary>
internal sealed class MetricChunk
{
    /// <summary>Slots per chunk: 64 KiB of points, so a chunk stays off the large object heap.</summary>
    public const int Capacity = 2048;

    /// <summary>The slots.</summary>
    public readonly MetricSlot[] Points = new MetricSlot[Capacity];

    /// <summary>
    /// Slots claimed so far. Producers keep incrementing it past <see cref="Capacity"/> when they find the chunk
    /// full (those claims write nothing), so readers clamp it.
    /// </summary>
    public int Reserved;

    /// <summary>The chunk after this one; set only once every slot of this one is claimed.</summary>
    public MetricChunk? Next;

    /// <summary>How many points the buffer held before this chunk's first slot.</summary>
    public long FirstIndex;

    /// <summary>
    /// Flipped each time the chunk is reused. Points carry it in their tag, so the consumer tells this use's
    /// points from the previous use's without ever writing to the slots (which would bounce their cache lines
    /// back to the consumer's core before the producer can write them again).
    /// </summary>
    public int LapBit = 1;
}
