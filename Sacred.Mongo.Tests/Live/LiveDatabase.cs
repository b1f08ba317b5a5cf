using System;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Sacred.Mongo.Tests.Live;

/// <summary>A fresh database on the <c>SACRED_TEST_MONGO</c> server (or the fake one) for one test, dropped at the end.</summary>
internal sealed class LiveDatabase : IDisposable
{
    private readonly MongoClient _client;

    public LiveDatabase()
    {
        var server = LiveMongoFactAttribute.Server!.TrimEnd('/');
        Name = "sacred_test_" + Guid.NewGuid().ToString("N")[..12];
        var builder = new MongoUrlBuilder(server) { DatabaseName = Name };
        Address = builder.ToMongoUrl().ToString();
        _client = new MongoClient(builder.ToMongoUrl());
        Database = _client.GetDatabase(Name);
    }

    /// <summary>The address to give <c>-m</c>.</summary>
    public string Address { get; }

    public string Name { get; }

    public IMongoDatabase Database { get; }

    public IMongoCollection<BsonDocument> this[string collection] => Database.GetCollection<BsonDocument>(collection);

    public void Dispose() => _client.DropDatabase(Name);
}
