using System;
using System.Collections.Generic;
using MongoDB.Bson;
using Sacred.Mongo.Documents;

namespace Sacred.Mongo.Recording;

/// <summary>What a run's recording needs from a database: the real one (<see cref="MongoRunDatabase"/>) or, in tests, documents in memory.</summary>
internal interface IMongoRunDatabase
{
    /// <summary>The id of a GridFS file with this name and MD5, or null: how Sacred de-duplicates sources.</summary>
    ObjectId? FindFile(string fileName, string md5);

    /// <summary>
    /// Inserts a run document. With <paramref name="givenId"/> null the id is Sacred's: the largest numeric <c>_id</c>
    /// plus one, tried again on a duplicate key (another process took it first); a given id that is taken fails.
    /// </summary>
    /// <param name="document">Makes the document for an id.</param>
    /// <param name="givenId">The id given with <c>-i</c>, or null.</param>
    /// <returns>The id the run got.</returns>
    BsonValue InsertRun(Func<BsonValue, BsonDocument> document, BsonValue? givenId);

    /// <summary>Carries out writes in order.</summary>
    void Write(IReadOnlyList<MongoWrite> writes);
}
