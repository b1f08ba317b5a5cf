using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Sacred.Generated;
using Sacred.Recording;
using Sacred.Storage.Reading;
using Xunit;
using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage.Reading;

/// <summary>
/// <c>contains</c> and <c>~</c> on a config key with few distinct values test each value once and find the runs
/// by equality; on a key with many they test every run's value. Either way the runs found are the ones the plain
/// rule gives: text values only, case ignored, runs without the key never matched (and matched by NOT).
/// </summary>
public sealed class ContainsFilterTests : System.IDisposable
{
    private const int Runs = RunFilterCompiler.MaxDistinctValues + 50;
    private static readonly object?[] s_optimizers = ["adam", "AdaGrad", "sgd", "ADAMW", 7L, "rmsprop", "ada\u00e9"];

    private readonly TempFiles _temp = new();
    private readonly RunStore _store;
    private readonly Dictionary<long, Dictionary<string, object>> _configs = [];

    public ContainsFilterTests()
    {
        for (var i = 0; i < Runs; i++)
        {
            var config = new ConfigObjectBuilder();
            var values = new Dictionary<string, object>();
            if (i % 9 != 0)
            {
                values["optimizer"] = s_optimizers[i % s_optimizers.Length]!;
            }

            // Many distinct values: every run its own, some numbers.
            values["label"] = i % 11 == 0 ? (object)(long)i : $"run-{i}-{(i % 5 == 0 ? "Ada" : "x")}";
            foreach (var (key, value) in values)
            {
                config.Add(key, value is long number ? ConfigNode.From(number) : ConfigNode.From((string)value));
            }

            var started = Started(seed: i) with { Config = config.Build() };
            var observer = OpenObserver(_temp.Directory);
            var id = observer.StartedEvent(started);
            observer.EndedEvent(new RunEndedEvent(Start.AddMinutes(i), RunStatus.Completed, null, null));
            observer.Close();
            _configs[long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture)] = values;
        }

        _store = RunStore.Open(_temp.Directory);
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Contains_and_regex_match_the_runs_the_plain_rule_gives()
    {
        // One store for every case: writing 1,050 runs is the slow part.
        (string Key, string Text, bool Regex)[] cases =
        [
            ("optimizer", "ada", false),
            ("optimizer", "ADA", false),
            ("optimizer", "^ada.?$", true),
            ("optimizer", "m$", true),
            ("optimizer", "7", false),
            ("optimizer", "nothing", false),
            ("missing", "ada", false),
            ("label", "ada", false),
            ("label", "-1\\d*-", true),
            ("label", "0", false),
        ];
        foreach (var (key, text, regex) in cases)
        {
            Check(key, text, regex);
        }
    }

    private void Check(string key, string text, bool regex)
    {
        var op = regex ? ComparisonOperator.Matches : ComparisonOperator.Contains;
        var filter = new FieldComparison(RunField.Config(key), op, FilterValue.FromText(text));
        var expected = _configs
            .Where(run => run.Value.TryGetValue(key, out var value) && value is string s
                && (regex ? Regex.IsMatch(s, text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant) : s.ToLowerInvariant().Contains(text.ToLowerInvariant(), System.StringComparison.Ordinal)))
            .Select(run => run.Key)
            .ToHashSet();

        Assert.Equal(expected.Count, _store.Count(filter));
        Assert.Equal(_configs.Count - expected.Count, _store.Count(new Not(filter)));

        // Pages too: the first ids in both orders, with and without NOT.
        var firstIds = new FieldComparison(RunField.Attribute("id"), ComparisonOperator.LessOrEqual, FilterValue.FromInteger(900));
        var page = _store.Search(new RunSearch { Filter = new AllOf([filter, firstIds]), Limit = 1000 }).Select(r => r.Summary.Id).ToHashSet();
        Assert.Equal(expected.Where(id => id <= 900).ToHashSet(), page);
        var notPage = _store.Search(new RunSearch { Filter = new Not(filter), Limit = 1000 }).Select(r => r.Summary.Id).ToHashSet();
        Assert.Equal(_configs.Keys.Where(id => !expected.Contains(id)).OrderByDescending(id => id).Take(1000).ToHashSet(), notPage);
    }
}
