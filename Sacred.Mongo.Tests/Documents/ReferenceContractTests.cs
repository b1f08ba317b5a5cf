using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MongoDB.Bson;
using Xunit;

namespace Sacred.Mongo.Tests.Documents;

/// <summary>
/// Our documents for the four reference runs equal what Python Sacred's MongoObserver wrote
/// (<c>Reference/*.canonical.json</c>, canonical Extended JSON): the same collections, documents, field names,
/// nesting and BSON types, and the same values except those that must differ, listed here by name.
/// </summary>
public sealed class ReferenceContractTests
{
    public static TheoryData<string> Scenarios => new() { "completed", "failed", "interrupted", "queued" };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Documents_match_Sacreds_field_by_field_and_type_by_type(string scenario)
    {
        var failures = ReferenceComparison.Compare(ReferenceComparison.Reference(scenario), ReferenceComparison.Shape(ReferenceRuns.Record(scenario)));
        Assert.True(failures.Count == 0, scenario + ":\n" + string.Join("\n", failures));
    }

    [Fact]
    public void The_comparison_catches_a_renamed_field_a_changed_type_and_a_changed_value()
    {
        var ours = ReferenceComparison.Shape(ReferenceRuns.Record("completed"));
        var run = ours["runs"][0].AsBsonDocument;
        run["stauts"] = run["status"];
        run.Remove("status");
        run["_id"] = new BsonInt64(1);
        ours["metrics"][0]["values"][1] = 0.25;

        var failures = ReferenceComparison.Compare(ReferenceComparison.Reference("completed"), ours);

        Assert.Contains(failures, f => f.StartsWith("runs.status: only in Sacred's", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("runs.stauts: only in ours", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("runs._id: Int32 in Sacred's, Int64 in ours", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("metrics.values.*: 0.5 in Sacred's, 0.25 in ours", StringComparison.Ordinal));
        Assert.Equal(4, failures.Count);
    }

    [Fact]
    public void A_second_run_reuses_the_stored_source_and_takes_the_next_id()
    {
        var database = ReferenceRuns.Record("completed");
        ReferenceRuns.Record("failed", database);

        Assert.Equal([1, 2], database["runs"].Select(r => r["_id"].AsInt32));
        Assert.Single(database["fs.files"], f => f["filename"] == "/home/user/exp/gen_mongo_ref.py");
        Assert.Equal(database["runs"][0]["experiment"]["sources"][0][1], database["runs"][1]["experiment"]["sources"][0][1]);
    }
}
