namespace Sacred.Storage;

/// <summary>
/// Schema version 6: each metric chunk's block summaries, stored when the chunk is written, so a chart's first read
/// of a long series reads kilobytes instead of every point.
/// <list type="bullet">
/// <item><c>metric_chunk_summaries(chunk_id, blocks)</c>: one row per chunk written since version 6, keyed by the
/// chunk's row id; <c>blocks</c> as <see cref="MetricBlockSummaryCodec"/> writes it (first point, min and max of
/// each 256 points). Chunks written before have no row, and readers summarise their points as before. A table of its
/// own rather than a column of <c>metric_chunks</c>: a column added after <c>data</c> would sit behind the chunk's
/// overflow pages, and reading it would walk all of them.</item>
/// <item>A trigger deletes a chunk's summary with the chunk, whoever deletes it, so a later chunk that reuses the row
/// id never meets a stale summary.</item>
/// </list>
/// </summary>
internal static class StoreSchemaVersion6
{
    public const string Description = "store each metric chunk's block summaries (metric_chunk_summaries)";

    public const string Sql = """
        CREATE TABLE metric_chunk_summaries (
            chunk_id INTEGER PRIMARY KEY REFERENCES metric_chunks (id),
            blocks   BLOB NOT NULL
        );
        CREATE TRIGGER metric_chunk_summaries_follow_chunks AFTER DELETE ON metric_chunks
        BEGIN
            DELETE FROM metric_chunk_summaries WHERE chunk_id = old.id;
        END;
        """;
}
