using System;
using System.Collections.Generic;
using MongoDB.Bson;

namespace Sacred.Mongo.Mirror;

/// <summary>
/// What <see cref="MongoMirror"/> reads from and writes through to: a MongoDB database holding Sacred's documents
/// (<see cref="MongoMirrorSource"/>) or, in tests, documents in memory.
/// </summary>
internal interface IMirrorSource
{
    /// <summary>What the board says it mirrors, without credentials: <c>mongodb://host:27017/sacred</c>.</summary>
    string Description { get; }

    /// <summary>
    /// The stamps of the runs that may have changed: with <paramref name="change"/> null every run; else the runs with
    /// a numeric <c>_id</c> above <see cref="RunChange.AfterId"/>, a <c>heartbeat</c> or <c>stop_time</c> at or after
    /// <see cref="RunChange.Since"/>, or an id in <see cref="RunChange.Open"/>.
    /// </summary>
    IReadOnlyList<RunStamp> Stamps(RunChange? change);

    /// <summary>The whole run documents with these ids.</summary>
    IReadOnlyList<BsonDocument> Runs(IReadOnlyList<long> ids);

    /// <summary>
    /// A run's <c>metrics</c> documents, in the order they were created, each with only the points beyond the count
    /// given for its <c>_id</c> in <paramref name="held"/> (all of them for a document not in it).
    /// </summary>
    IReadOnlyList<BsonDocument> Metrics(BsonValue runId, IReadOnlyDictionary<ObjectId, int> held);

    /// <summary>The full output of a run whose output outgrew <c>captured_out</c>: its pieces concatenated in order.</summary>
    string OutputPieces(BsonValue runId);

    /// <summary>A GridFS file (its <c>fs.files</c> document and content), or null when it is gone or unreadable.</summary>
    MirrorFile? ReadFile(ObjectId id);

    /// <summary>Sets (or, with a null value, unsets) one field of some runs.</summary>
    void SetField(IReadOnlyList<long> ids, string field, BsonValue? value);

    /// <summary>Adds tags to (<c>$addToSet</c>) and removes tags from (<c>$pull</c>) <c>omniboard.tags</c> of some runs.</summary>
    void ChangeTags(IReadOnlyList<long> ids, IReadOnlyList<string> add, IReadOnlyList<string> remove);

    /// <summary>Deletes runs, their <c>metrics</c> and output pieces, their artifacts, and their sources no other run uses.</summary>
    void Delete(IReadOnlyList<long> ids);
}

/// <summary>What decides whether a run changed: its id, <c>status</c>, <c>heartbeat</c> and <c>stop_time</c>.</summary>
/// <param name="Id">The numeric <c>_id</c>.</param>
/// <param name="Status">The <c>status</c>.</param>
/// <param name="Heartbeat">The <c>heartbeat</c> in Unix milliseconds, or null.</param>
/// <param name="StopTime">The <c>stop_time</c> in Unix milliseconds, or null.</param>
internal readonly record struct RunStamp(long Id, string Status, long? Heartbeat, long? StopTime);

/// <summary>Which runs an incremental pass asks for (see <see cref="IMirrorSource.Stamps"/>).</summary>
/// <param name="AfterId">The largest id the mirror holds.</param>
/// <param name="Since">The latest heartbeat or stop time seen, less a margin for clocks and late writes.</param>
/// <param name="Open">The runs the mirror holds as QUEUED or RUNNING.</param>
internal sealed record RunChange(long AfterId, DateTime Since, IReadOnlyList<long> Open);

/// <summary>A GridFS file.</summary>
/// <param name="Info">Its <c>fs.files</c> document (<c>filename</c>, <c>md5</c>, <c>contentType</c>, <c>metadata</c>).</param>
/// <param name="Content">Its bytes, or null when its chunks are missing.</param>
internal sealed record MirrorFile(BsonDocument Info, byte[]? Content);
