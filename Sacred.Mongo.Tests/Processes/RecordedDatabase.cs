using System;
using System.Collections.Generic;
using System.Linq;
using MongoDB.Bson;
using Sacred.Mongo.Tests.Wire;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>What one binary left in a fake server's database: every collection's final documents, and the commands it sent.</summary>
/// <param name="Collections">Documents by collection name (runs by <c>_id</c>, the rest in insertion order).</param>
/// <param name="Commands">Each distinct command sent, as <c>name collection</c>; counts are left out, heartbeats make them timing-dependent.</param>
public sealed record RecordedDatabase(IReadOnlyDictionary<string, IReadOnlyList<BsonDocument>> Collections, IReadOnlySet<string> Commands)
{
    /// <summary>Takes the database <paramref name="database"/> of <paramref name="server"/>.</summary>
    public static RecordedDatabase Of(FakeMongoServer server, string database)
    {
        ArgumentNullException.ThrowIfNull(server);
        var collections = server.CollectionNames(database).ToDictionary(
            name => name,
            name => (IReadOnlyList<BsonDocument>)(name == "runs" ? [.. server.Documents(database, name).OrderBy(d => d["_id"])] : server.Documents(database, name)),
            StringComparer.Ordinal);
        var commands = server.Commands.Where(c => c.Database == database || c.Collection is null).Select(c => c.Collection is null ? c.Name : c.Name + " " + c.Collection);
        return new RecordedDatabase(collections, commands.ToHashSet(StringComparer.Ordinal));
    }
}
