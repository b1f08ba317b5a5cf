using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Documents;

/// <summary>
/// Compares our documents with Python Sacred's reference documents (<c>Reference/*.canonical.json</c>) field by field
/// and type by type. Every difference allowed is listed here by name, with its reason.
/// </summary>
internal static class ReferenceComparison
{
    /// <summary>Values that differ by nature; their BSON types are still compared.</summary>
    private static readonly HashSet<string> s_valuesDiffer = new(StringComparer.Ordinal)
    {
        // Times.
        "runs.start_time", "runs.stop_time", "runs.heartbeat", "runs.meta.queue_time", "fs.files.uploadDate", "metrics.timestamps.*",

        // Object ids (and their hex text in info.metrics); a source pair is [name, ObjectId].
        "fs.files._id", "fs.chunks._id", "fs.chunks.files_id", "metrics._id", "runs.experiment.sources.*.*",
        "runs.artifacts.*.file_id", "runs.info.metrics.*.id",

        // Drawn at random for each run.
        "runs.config.seed",

        // .NET packages instead of Python's, a .NET exception instead of a Python traceback (lists of strings).
        "runs.experiment.dependencies", "runs.fail_trace",
    };

    /// <summary>
    /// Values whose BSON type differs too: the reference passed 0.1 through Python's API; from a command line
    /// (Sacred's or ours) the option is the text "0.1".
    /// </summary>
    private static readonly HashSet<string> s_typesDiffer = new(StringComparer.Ordinal) { "runs.meta.options.--beat-interval" };

    /// <summary>Fields only Python Sacred writes.</summary>
    private static readonly HashSet<string> s_onlySacred = new(StringComparer.Ordinal)
    {
        // .NET has dotnet_version instead.
        "runs.host.python_version",

        // Flags of Sacred's command line that Sacred for .NET does not have.
        "runs.meta.options.--pdb", "runs.meta.options.--s3", "runs.meta.options.--sql", "runs.meta.options.--tiny_db",
    };

    /// <summary>Fields only we write.</summary>
    private static readonly HashSet<string> s_onlyOurs = new(StringComparer.Ordinal)
    {
        "runs.host.dotnet_version",

        // Which build queued the run, for the queue's claims (worker -m): a hash of the compiled sources' paths and MD5s.
        "runs.experiment.sources_hash",

        // Our flags, and the docopt entries Sacred's own command line also records (the reference ran through the API).
        "runs.meta.options.--color", "runs.meta.options.--store",
        "runs.meta.options.COMMAND", "runs.meta.options.UPDATE", "runs.meta.options.help", "runs.meta.options.with",
    };

    public static BsonDocument Reference(string scenario) =>
        BsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", scenario + ".canonical.json")));

    /// <summary>Our documents in the reference's shape: collection name → documents, chunk payloads as their length.</summary>
    public static BsonDocument Shape(InMemoryCollections database) =>
        Shape(database.Names.Select(name => new KeyValuePair<string, IReadOnlyList<BsonDocument>>(name, database[name])));

    /// <summary>Documents by collection in the reference's shape: collection name → documents, chunk payloads as their length.</summary>
    public static BsonDocument Shape(IEnumerable<KeyValuePair<string, IReadOnlyList<BsonDocument>>> collections)
    {
        var all = new BsonDocument();
        foreach (var (name, documents) in collections)
        {
            var shaped = new BsonArray();
            foreach (var document in documents)
            {
                var copy = document.DeepClone().AsBsonDocument;
                if (name == "fs.chunks")
                {
                    copy["data"] = $"<{copy["data"].AsByteArray.Length} bytes>";
                }

                shaped.Add(copy);
            }

            all[name] = shaped;
        }

        return all;
    }

    public static List<string> Compare(BsonDocument reference, BsonDocument ours)
    {
        var failures = new List<string>();
        foreach (var name in reference.Names.Union(ours.Names))
        {
            if (!reference.Contains(name) || !ours.Contains(name))
            {
                failures.Add($"collection {name}: only in {(reference.Contains(name) ? "Sacred's" : "ours")}");
                continue;
            }

            var expected = reference[name].AsBsonArray;
            var actual = ours[name].AsBsonArray;
            if (expected.Count != actual.Count)
            {
                failures.Add($"collection {name}: {expected.Count} documents in Sacred's, {actual.Count} in ours");
                continue;
            }

            for (var i = 0; i < expected.Count; i++)
            {
                Compare(name, expected[i], actual[i], failures);
            }
        }

        return failures;
    }

    private static void Compare(string path, BsonValue expected, BsonValue actual, List<string> failures)
    {
        if (s_typesDiffer.Contains(path))
        {
            return;
        }

        if (expected.BsonType != actual.BsonType)
        {
            failures.Add($"{path}: {expected.BsonType} in Sacred's, {actual.BsonType} in ours ({actual})");
            return;
        }

        switch (expected)
        {
            case BsonDocument document:
                var other = actual.AsBsonDocument;
                foreach (var key in document.Names.Except(other.Names).Where(k => !s_onlySacred.Contains(path + "." + k)))
                {
                    failures.Add($"{path}.{key}: only in Sacred's");
                }

                foreach (var key in other.Names.Except(document.Names).Where(k => !s_onlyOurs.Contains(path + "." + k)))
                {
                    failures.Add($"{path}.{key}: only in ours");
                }

                foreach (var key in document.Names.Intersect(other.Names))
                {
                    Compare(path + "." + key, document[key], other[key], failures);
                }

                break;
            case BsonArray array when s_valuesDiffer.Contains(path):
                var types = array.Select(v => v.BsonType).Distinct().ToList();
                foreach (var item in actual.AsBsonArray.Where(item => types.Count > 0 && !types.Contains(item.BsonType)))
                {
                    failures.Add($"{path}.*: {item.BsonType} in ours, {string.Join("/", types)} in Sacred's");
                }

                break;
            case BsonArray array:
                var items = actual.AsBsonArray;
                if (array.Count != items.Count)
                {
                    failures.Add($"{path}: {array.Count} items in Sacred's, {items.Count} in ours");
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Compare(path + ".*", array[i], items[i], failures);
                }

                break;
            default:
                if (!s_valuesDiffer.Contains(path) && !expected.Equals(actual))
                {
                    failures.Add($"{path}: {expected} in Sacred's, {actual} in ours");
                }

                break;
        }
    }
}
