using System;
using System.Collections.Generic;
using MongoDB.Bson;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Recording;

namespace Sacred.Mongo.Sync;

/// <summary>
/// Writes a run whose record lives in an embedded store with its sync key in the run document itself
/// (<c>sync_key</c>, the key of the <c>sacred_sync</c> collection). The insert is one atomic write, so a run document
/// in MongoDB always says which stored run it is: an uploader killed between the insert and its note in
/// <c>sacred_sync</c> leaves a document the next uploader finds by this key and replaces, instead of a second copy.
/// </summary>
internal sealed class SyncKeyedDatabase : IMongoRunDatabase
{
    /// <summary>The field in the run document.</summary>
    public const string Field = "sync_key";

    private readonly IMongoRunDatabase _inner;
    private readonly string _key;

    public SyncKeyedDatabase(IMongoRunDatabase inner, string key)
    {
        _inner = inner;
        _key = key;
    }

    public ObjectId? FindFile(string fileName, string md5) => _inner.FindFile(fileName, md5);

    public BsonValue InsertRun(Func<BsonValue, BsonDocument> document, BsonValue? givenId) =>
        _inner.InsertRun(id => document(id).Add(Field, _key), givenId);

    public void Write(IReadOnlyList<MongoWrite> writes) => _inner.Write(writes);
}
