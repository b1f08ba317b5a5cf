using MongoDB.Bson;

namespace Sacred.Mongo.Documents;

/// <summary>One write the observer sends, in order: built here without a server, carried out by an <see cref="Recording.IMongoRunDatabase"/>.</summary>
/// <param name="Collection">The collection (<c>runs</c>, <c>metrics</c>, <c>fs.files</c>, <c>fs.chunks</c>, ...).</param>
internal abstract record MongoWrite(string Collection);

/// <summary>Inserts a new document.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Document">The document, <c>_id</c> included.</param>
internal sealed record InsertOne(string Collection, BsonDocument Document) : MongoWrite(Collection);

/// <summary>Updates the document with the given <c>_id</c> with <c>$set</c> / <c>$push</c> / <c>$unset</c> operators.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Id">The document's <c>_id</c>.</param>
/// <param name="Update">The update document, e.g. <c>{ $set: { heartbeat: … } }</c>.</param>
/// <param name="Condition">
/// More fields the document must match, e.g. <c>{ worker: … }</c> for a claimed run; when it does not match, the
/// write fails with <see cref="Queue.ClaimLostException"/> and nothing after it is written. Null: the id alone.
/// </param>
internal sealed record UpdateOne(string Collection, BsonValue Id, BsonDocument Update, BsonDocument? Condition = null) : MongoWrite(Collection)
{
    /// <summary>The filter: <c>_id</c> and the condition's fields.</summary>
    public BsonDocument Filter()
    {
        var filter = new BsonDocument("_id", Id);
        if (Condition is not null)
        {
            filter.AddRange(Condition);
        }

        return filter;
    }
}

/// <summary>Deletes every document a filter matches: what a dead attempt of a re-queued run left in <c>metrics</c>.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Filter">The filter, e.g. <c>{ run_id: 7 }</c>.</param>
internal sealed record DeleteMany(string Collection, BsonDocument Filter) : MongoWrite(Collection);
