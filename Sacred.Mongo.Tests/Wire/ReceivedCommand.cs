using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>One command the fake server received, as the driver sent it (document sequences folded into the body).</summary>
/// <param name="Name">The command's name, e.g. <c>insert</c> or <c>hello</c>.</param>
/// <param name="Database">The database it was sent to (<c>$db</c>, or the OP_QUERY namespace's).</param>
/// <param name="Collection">The collection it names, or null for a command on no collection.</param>
/// <param name="Body">The whole command.</param>
public sealed record ReceivedCommand(string Name, string Database, string? Collection, BsonDocument Body);
