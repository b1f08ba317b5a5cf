using System;
using System.Collections.Generic;
using MongoDB.Bson;
using Sacred.Mongo.Queue;
using Sacred.Mongo.Tests.Documents;
using Sacred.Mongo.Tests.Processes;
using Xunit;

namespace Sacred.Mongo.Tests.Queue;

/// <summary>
/// <c>sacred queue -m</c>: each waiting document becomes a row (Python Sacred's own queued document among them), and a
/// server that cannot be reached is one line and exit 1.
/// </summary>
public sealed class MongoQueueListingTests
{
    [Fact]
    public void Python_Sacreds_queued_document_lists_with_its_experiment_command_update_and_queue_time()
    {
        var queued = ReferenceComparison.Reference("queued")["runs"][0].AsBsonDocument;

        var row = MongoQueueListing.Row(queued);

        Assert.Equal("1", row.Id);
        Assert.Equal("reference", row.Experiment);
        Assert.Equal("completed", row.Command);
        Assert.Equal(new Dictionary<string, string> { ["learning_rate"] = "0.2" }, row.Changes);
        Assert.Equal(queued["meta"]["queue_time"].ToUniversalTime(), row.QueueTime);
        Assert.Null(row.Priority);
    }

    [Fact]
    public void Nested_updates_flatten_to_dotted_keys_and_the_priority_is_read_from_meta_or_from_sacreds_option()
    {
        var ours = new BsonDocument
        {
            { "_id", 7 },
            { "experiment", new BsonDocument("name", "mnist") },
            { "command", "train" },
            { "meta", new BsonDocument { { "config_updates", new BsonDocument { { "model", new BsonDocument("depth", 3) }, { "optimizer", "sgd" } } }, { "priority", 2.5 } } },
        };
        var sacreds = new BsonDocument { { "_id", 8 }, { "meta", new BsonDocument("options", new BsonDocument("--priority", "4")) } };

        var row = MongoQueueListing.Row(ours);
        var bare = MongoQueueListing.Row(sacreds);

        Assert.Equal(new Dictionary<string, string> { ["model.depth"] = "3", ["optimizer"] = "\"sgd\"" }, row.Changes);
        Assert.Equal(2.5, row.Priority);
        Assert.Equal(4, bare.Priority);
        Assert.Equal("", bare.Experiment);
        Assert.Empty(bare.Changes);
        Assert.Null(bare.QueueTime);
    }

    [Fact]
    public void Sacred_queue_m_at_an_address_nothing_listens_on_is_one_line_and_exit_1()
    {
        var port = Programs.ClosedPort();

        var queue = Programs.Sacred("queue", "-m", $"mongodb://127.0.0.1:{port}/lab");

        Assert.Equal(1, queue.ExitCode);
        var line = Assert.Single(queue.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: MongoDB 127.0.0.1:{port}/lab/runs cannot be reached (nothing listens at 127.0.0.1:{port} (connection refused))", line);
        Assert.Empty(queue.Stdout);
    }
}
