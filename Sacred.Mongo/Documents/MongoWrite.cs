using MongoDB.Bson;

namespace Sacred.Mongo.Documents;

/// <summary>One write the observer sends, in order: built here without a server, carried out by an <see cref="Recording.IMongoRunDatabase"/>.</summary>
/// <param name="Collection">The collection (<c>runs</c>, <c>metrics</c>, <c>fs.files</c>, <c>fs.chunks</c>, ...).</param>
internal abstract record MongoWrite(string Collection);

/// <summary>Inserts a new document.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Document">The document, <c>_id</c> included.</param>
internal sealed record InsertOne(string Collection, BsonDocument Document) : MongoWrite(Collection);

/// <summary>Updates the document with the given <c>_id</c> with <c>$set</c> / <c>$push</c> operators.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="Id">The document's <c>_id</c>.</param>
/// <param name="Update">The update document, e.g. <c>{ $set: { heartbeat: … } }</c>.</param>
internal sealed record UpdateOne(string Collection, BsonValue Id, BsonDocument Update) : MongoWrite(Collection);
