using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>
/// Compares what two builds of one experiment (JIT and Native AOT) recorded into MongoDB, field by field and BSON type
/// by type. ObjectIds (and their hex text in <c>info.metrics</c>) are compared by structure: each is replaced by the
/// order in which it is first seen, so the same links must join the same documents. Every value allowed to differ is
/// listed here by name, with its reason; its BSON type is still compared.
/// </summary>
internal static partial class RecordedDatabaseComparison
{
    /// <summary>Values that differ by nature between two processes (paths: collection, fields, <c>*</c> for an array's elements).</summary>
    private static readonly Dictionary<string, string> s_valuesDiffer = new(StringComparer.Ordinal)
    {
        ["runs.start_time"] = "wall-clock time of each process",
        ["runs.heartbeat"] = "wall-clock time of each process",
        ["runs.stop_time"] = "wall-clock time of each process",
        ["runs.resources.*.*"] = "wall-clock time of each process",
        ["fs.files.uploadDate"] = "wall-clock time of each process",
        ["metrics.timestamps.*"] = "wall-clock time of each process",
        ["sacred_sync.claimed"] = "wall-clock time of each process",
        ["runs.config.seed"] = "drawn at random for each run",
        ["runs.meta.command"] = "the command line names the executable: dotnet mongoprobe.dll, or the native binary's path",
        ["runs.meta.options.--store"] = "each binary records into its own embedded store folder",
        ["runs.meta.options.--mongo_db"] = "each binary talks to its own fake server, on its own port",
        ["runs.sync_key"] = "the embedded store's uuid: each binary has its own store",
        ["sacred_sync._id"] = "the embedded store's uuid: each binary has its own store",
        ["runs.experiment.build.configuration"] = "the JIT binary is the tests' Debug build, the AOT binary a Release publish",
        ["runs.captured_out"] = "log lines carry times, and a failure's stack frames differ (compared with both masked)",
        ["runs.fail_trace.*"] = "stack frames: the JIT's name files and lines, the AOT binary's code offsets (compared with frames masked)",
    };

    /// <summary>Returns each difference as a readable line; empty when the two are equal but for the listed values.</summary>
    public static IReadOnlyList<string> Differences(RecordedDatabase jit, RecordedDatabase aot)
    {
        ArgumentNullException.ThrowIfNull(jit);
        ArgumentNullException.ThrowIfNull(aot);
        var differences = new List<string>();
        var jitIds = new ObjectIdOrder();
        var aotIds = new ObjectIdOrder();
        foreach (var name in jit.Collections.Keys.Union(aot.Collections.Keys).Order(StringComparer.Ordinal))
        {
            var left = jit.Collections.GetValueOrDefault(name) ?? [];
            var right = aot.Collections.GetValueOrDefault(name) ?? [];
            if (left.Count != right.Count)
            {
                differences.Add($"{name}: {left.Count} documents from the JIT binary, {right.Count} from the AOT binary");
                continue;
            }

            for (var i = 0; i < left.Count; i++)
            {
                Compare($"{name}[{i}]", name, jitIds.Normalize(left[i]), aotIds.Normalize(right[i]), differences);
            }
        }

        return differences;
    }

    /// <summary>The reasons of the listed values that did differ, for the test's output.</summary>
    public static IReadOnlyDictionary<string, string> AllowedDifferences => s_valuesDiffer;

    private static void Compare(string where, string path, BsonValue jit, BsonValue aot, List<string> differences)
    {
        if (jit.BsonType != aot.BsonType)
        {
            differences.Add($"{where}: {jit.BsonType} {Show(jit)} from the JIT binary, {aot.BsonType} {Show(aot)} from the AOT binary");
            return;
        }

        if (s_valuesDiffer.ContainsKey(path))
        {
            if (path is "runs.captured_out" or "runs.fail_trace.*" && Masked(jit.AsString) != Masked(aot.AsString))
            {
                differences.Add($"{where}: differs beyond its times and stack frames:\n--- JIT\n{jit.ToJson()}\n--- AOT\n{aot.ToJson()}");
            }

            return;
        }

        switch (jit)
        {
            case BsonDocument left:
                var right = aot.AsBsonDocument;
                foreach (var name in left.Names.Union(right.Names))
                {
                    var fieldPath = path + "." + name;
                    if (!left.Contains(name) || !right.Contains(name))
                    {
                        differences.Add($"{where}.{name}: only the {(left.Contains(name) ? "JIT" : "AOT")} binary wrote it ({Show(left.Contains(name) ? left[name] : right[name])})");
                    }
                    else
                    {
                        Compare(where + "." + name, fieldPath, left[name], right[name], differences);
                    }
                }

                break;
            case BsonArray leftItems:
                var rightItems = aot.AsBsonArray;
                if (leftItems.Count != rightItems.Count && !s_valuesDiffer.ContainsKey(path + ".*"))
                {
                    differences.Add($"{where}: {leftItems.Count} elements from the JIT binary, {rightItems.Count} from the AOT binary");
                    return;
                }

                for (var i = 0; i < Math.Min(leftItems.Count, rightItems.Count); i++)
                {
                    Compare($"{where}[{i}]", path + ".*", leftItems[i], rightItems[i], differences);
                }

                break;
            default:
                if (!jit.Equals(aot))
                {
                    differences.Add($"{where}: {Show(jit)} from the JIT binary, {Show(aot)} from the AOT binary");
                }

                break;
        }
    }

    private static string Masked(string output) =>
        string.Join('\n', output.Split('\n').Select(l => l.TrimEnd()).Where(l => !StackFrame().IsMatch(l)).Select(l => Times().Replace(l, "<time>")));

    private static string Show(BsonValue value)
    {
        var text = value.ToString()!;
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    [GeneratedRegex(@"\d{1,2}:\d{2}:\d{2}(\.\d+)?|\d+(\.\d+)? ?(ms|s)\b")]
    private static partial Regex Times();

    [GeneratedRegex(@"^\s+at |^\s*--- End of")]
    private static partial Regex StackFrame();

    /// <summary>Replaces each ObjectId, and its 24-digit hex text, by the order in which it is first seen.</summary>
    private sealed class ObjectIdOrder
    {
        private readonly Dictionary<string, int> _order = new(StringComparer.Ordinal);

        public BsonValue Normalize(BsonValue value) => value switch
        {
            BsonObjectId id => new BsonObjectId(Label(id.Value.ToString())),
            BsonString text when ObjectId.TryParse(text.Value, out _) && text.Value.Length == 24 => new BsonString("ObjectId #" + Label(text.Value).ToString()),
            BsonDocument document => new BsonDocument(document.Select(e => new BsonElement(e.Name, Normalize(e.Value)))),
            BsonArray array => new BsonArray(array.Select(Normalize)),
            _ => value,
        };

        // The first-seen order, kept in an ObjectId's timestamp so the value stays an ObjectId.
        private ObjectId Label(string hex)
        {
            if (!_order.TryGetValue(hex, out var order))
            {
                order = _order.Count + 1;
                _order[hex] = order;
            }

            return ObjectId.Parse(order.ToString("x24", CultureInfo.InvariantCulture));
        }
    }
}
