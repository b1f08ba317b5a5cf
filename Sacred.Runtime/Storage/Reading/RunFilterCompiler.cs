using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;


namespace Sacred.Storage.Reading;

/// <summary>
/// Turns a <see cref="RunFilter"/> into SQL with every literal a parameter of the command, in two forms:
/// <list type="bullet">
/// <item><see cref="Condition"/>: a condition on <c>runs r</c>, for pages that walk runs (or a sort index) in
/// order and stop at the page's end. Config keys, metric summaries and tags become
/// <c>+r.id IN (SELECT run_id ...)</c>: each list is read once from its index range
/// (<c>config_values (key_id, value)</c>, <c>metrics (name, summary, run_id)</c>), and the unary plus keeps SQLite
/// from turning an OR of such lists into a union of row lookups. Compiled <c>correlated</c>, they become
/// <c>EXISTS</c> lookups of the run's own entry instead (primary keys <c>(run_id, key_id)</c>,
/// <c>(run_id, name)</c>): nothing is built up front, for a window of a few thousand runs.</item>
/// <item><see cref="Set"/>: the matching run ids as a compound SELECT (AND = INTERSECT, OR = UNION,
/// NOT = EXCEPT), for counting, where every match must be found anyway.</item>
/// </list>
/// A run without the field does not match a comparison, except <c>!=</c> and <c>= null</c>, which it does.
/// Config values mix numbers and text, which SQLite orders numbers first: a comparison with a number is bounded by
/// <c>&lt; ''</c> and one with text by <c>&gt;= ''</c>, so both stay index ranges.
/// </summary>
internal sealed class RunFilterCompiler
{
    /// <summary>The effective status (PROBABLY_DEAD for a stale RUNNING run); needs <c>$dead_before</c>.</summary>
    public const string StatusSql =
        "(CASE WHEN r.status = 'RUNNING' AND COALESCE(r.heartbeat, r.start_time) < $dead_before THEN 'PROBABLY_DEAD' ELSE r.status END)";

    /// <summary>The duration in ms, as <see cref="RunSummary.Duration"/> defines it; needs <c>$now</c> and <c>$dead_before</c>.</summary>
    public const string DurationSql = """
        (CASE WHEN r.start_time IS NULL THEN NULL
              WHEN r.stop_time IS NOT NULL THEN r.stop_time - r.start_time
              WHEN r.status <> 'RUNNING' THEN NULL
              WHEN COALESCE(r.heartbeat, r.start_time) < $dead_before THEN COALESCE(r.heartbeat, r.start_time) - r.start_time
              ELSE $now - r.start_time END)
        """;

    /// <summary>Notes written in the board, else the <c>-c</c> comment.</summary>
    public const string NotesSql = "COALESCE((SELECT n.notes FROM run_notes n WHERE n.run_id = r.id), r.comment)";

    /// <summary>The run's tags, sorted, joined by a unit separator.</summary>
    public const string TagsSql =
        "(SELECT group_concat(t.tag, char(31)) FROM (SELECT tag FROM run_tags WHERE run_id = r.id ORDER BY tag) t)";

    private readonly SqliteCommand _command;
    private readonly string _prefix;
    private readonly bool _correlated;
    private int _next;

    /// <param name="command">The command that receives the literals as parameters.</param>
    /// <param name="prefix">The parameters' name prefix.</param>
    /// <param name="correlated">
    /// Whether <see cref="Condition"/> looks each run up (<c>EXISTS</c> on the run's own index entries: a few
    /// lookups per run visited, for walks that stop at the page's end) instead of building each id list once.
    /// </param>
    public RunFilterCompiler(SqliteCommand command, string prefix = "$p", bool correlated = false)
    {
        _command = command;
        _prefix = prefix;
        _correlated = correlated;
    }

    /// <summary>Adds the clock every status and duration expression needs.</summary>
    public static void AddClock(SqliteCommand command, TimeSpan deadAfter, DateTime now)
    {
        var nowMs = UnixTime.ToMs(now);
        command.Parameters.AddWithValue("$now", nowMs);
        command.Parameters.AddWithValue("$dead_before", nowMs - (long)deadAfter.TotalMilliseconds);
    }

    /// <summary>The filter as a condition on <c>runs r</c>.</summary>
    public string Condition(RunFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter switch
        {
            AllOf all => Join(all.Filters, " AND ", "1"),
            AnyOf any => Join(any.Filters, " OR ", "0"),
            Not not => $"NOT ({Condition(not.Filter)})",
            _ => Leaf(filter).AsCondition(_correlated),
        };
    }

    /// <summary>The ids of the matching runs, as one SELECT of one column.</summary>
    public string Set(RunFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter switch
        {
            AllOf { Filters.Count: 0 } => AllRuns,
            AnyOf { Filters.Count: 0 } => AllRuns + " WHERE 0",
            AllOf all => Compound(all.Filters, " INTERSECT "),
            AnyOf any => Compound(any.Filters, " UNION "),
            Not not => $"{AllRuns} EXCEPT SELECT * FROM ({Set(not.Filter)})",
            _ => Leaf(filter).AsSet(),
        };
    }

    private const string AllRuns = "SELECT id FROM runs";

    private string Compound(IReadOnlyList<RunFilter> filters, string op)
    {
        if (filters.Count == 1)
        {
            return Set(filters[0]);
        }

        var parts = new List<string>(filters.Count);
        foreach (var filter in filters)
        {
            parts.Add($"SELECT * FROM ({Set(filter)})");
        }

        return string.Join(op, parts);
    }

    private LeafSql Leaf(RunFilter filter) => filter switch
    {
        FieldComparison comparison => Comparison(comparison),
        FieldInSet set => InSet(set),
        FieldInRange range => InRange(range),
        _ => throw new ArgumentException($"Unknown filter {filter.GetType().Name}.", nameof(filter)),
    };

    /// <summary>The field's value per run, for sorting and showing (NULL when the run has none).</summary>
    public string Value(RunField field)
    {
        if (field.IsConfig)
        {
            return $"(SELECT v.value FROM config_values v WHERE v.run_id = r.id AND v.key_id = {KeyId(field)})";
        }

        if (field.IsMetric)
        {
            return $"(SELECT m.{MetricColumn(field)} FROM metrics m WHERE m.run_id = r.id AND m.name = {Parameter(field.Name)})";
        }

        return field.Name switch
        {
            "tags" => TagsSql,
            _ => Attribute(field, textId: false),
        };
    }

    public string Parameter(object value)
    {
        var name = _prefix + (_next++).ToString(CultureInfo.InvariantCulture);
        _command.Parameters.AddWithValue(name, value);
        return name;
    }

    private string Join(IReadOnlyList<RunFilter> filters, string separator, string empty)
    {
        if (filters.Count == 0)
        {
            return empty;
        }

        var parts = new List<string>(filters.Count);
        foreach (var filter in filters)
        {
            parts.Add("(" + Condition(filter) + ")");
        }

        return string.Join(separator, parts);
    }

    private LeafSql Comparison(FieldComparison comparison)
    {
        var (field, op, value) = (comparison.Field, comparison.Operator, comparison.Value);
        if (value.Kind == FilterValueKind.Null)
        {
            return op switch
            {
                ComparisonOperator.Equal => Negated(field, "IS NOT NULL", textId: false),
                ComparisonOperator.NotEqual => Positive(field, "IS NOT NULL", textId: false),
                _ => throw Invalid(field, $"null can only be compared with = or !=, not {Symbol(op)}"),
            };
        }

        if (op is ComparisonOperator.Contains or ComparisonOperator.Matches)
        {
            if (value.Kind != FilterValueKind.Text || field.Type is FieldType.Number or FieldType.Time or FieldType.Duration)
            {
                throw Invalid(field, $"{Symbol(op)} needs a text field and a text value");
            }

            if (field.IsConfig && !_correlated && PassingValues(field, op, value.Text!) is { } passing)
            {
                if (passing.Count == 0)
                {
                    return LeafSql.Ids("config_values v", "v.run_id", "0");
                }

                var values = new List<string>(passing.Count);
                foreach (var text in passing)
                {
                    values.Add(Parameter(text));
                }

                return Positive(field, $"IN ({string.Join(", ", values)})", textId: false);
            }

            var pattern = Parameter(value.Text!);
            var test = op == ComparisonOperator.Contains
                ? $"instr(lower({{0}}), lower({pattern})) > 0"
                : $"regexp({pattern}, {{0}})";
            return Positive(field, test, textId: true, textOnly: true);
        }

        var textId = IsTextId(field, value);
        var literal = Parameter(SqlValue(field, value));
        return op switch
        {
            ComparisonOperator.Equal => Positive(field, "= " + literal, textId),
            ComparisonOperator.NotEqual => Negated(field, "= " + literal, textId),
            _ when field.Type is FieldType.Tags || value.Kind == FilterValueKind.Bool =>
                throw Invalid(field, $"{Symbol(op)} does not apply to {(field.Type is FieldType.Tags ? "tags" : "true/false")}; use = or !="),
            _ => Positive(field, Symbol(op) + " " + literal, textId, Bound(value)),
        };
    }

    /// <summary>
    /// The distinct text values of a config key that pass <c>contains</c> or <c>~</c>, read by skipping through the
    /// key's value index (one seek per distinct value), or null when the key has more than
    /// <see cref="MaxDistinctValues"/> of them (or there is no connection to ask): then each entry is tested.
    /// With few values (an optimizer's name) the runs are then found by equality: 50,000 index entries tested one
    /// by one cost ~60 ms, 4 values and an IN lookup ~5 ms. Not for <c>correlated</c> checks: those test one entry
    /// per run visited, which the list would not make cheaper.
    /// </summary>
    private List<string>? PassingValues(RunField field, ComparisonOperator op, string text)
    {
        if (_command.Connection is not { } connection)
        {
            return null;
        }

        using var probe = connection.CreateCommand();
        probe.Transaction = _command.Transaction;
        var test = op == ComparisonOperator.Contains ? "instr(lower(value), lower($text)) > 0" : "regexp($text, value)";
        probe.CommandText = $"""
            WITH RECURSIVE k(id) AS (SELECT id FROM config_keys WHERE key = $key),
            d(value) AS (
                SELECT (SELECT MIN(c.value) FROM config_values c WHERE c.key_id = (SELECT id FROM k))
                UNION ALL
                SELECT (SELECT MIN(c.value) FROM config_values c WHERE c.key_id = (SELECT id FROM k) AND c.value > d.value)
                FROM d WHERE d.value IS NOT NULL LIMIT $most)
            SELECT value, CASE WHEN typeof(value) = 'text' THEN {test} ELSE 0 END FROM d WHERE value IS NOT NULL;
            """;
        probe.Parameters.AddWithValue("$key", field.Name);
        probe.Parameters.AddWithValue("$text", text);
        probe.Parameters.AddWithValue("$most", MaxDistinctValues + 1);
        var passing = new List<string>();
        var seen = 0;
        using var reader = probe.ExecuteReader();
        while (reader.Read())
        {
            if (++seen > MaxDistinctValues)
            {
                return null;
            }

            if (reader.GetInt64(1) != 0)
            {
                passing.Add(reader.GetString(0));
            }
        }

        return passing;
    }

    /// <summary>The most distinct values of a config key for which <see cref="PassingValues"/> tests each value once.</summary>
    internal const int MaxDistinctValues = 1_000;

    private LeafSql InSet(FieldInSet set)
    {
        if (set.Values.Count == 0)
        {
            return LeafSql.OnRuns("0");
        }

        var literals = new List<string>();
        var textId = false;
        foreach (var value in set.Values)
        {
            if (value.Kind == FilterValueKind.Null)
            {
                throw Invalid(set.Field, "IN takes values, not null; use = null");
            }

            textId |= IsTextId(set.Field, value);
            literals.Add(Parameter(SqlValue(set.Field, value)));
        }

        if (textId && set.Field.Name == "id" && set.Field.IsAttribute)
        {
            var custom = new List<string>();
            var numeric = new List<string>();
            for (var i = 0; i < set.Values.Count; i++)
            {
                (IsTextId(set.Field, set.Values[i]) ? custom : numeric).Add(literals[i]);
            }

            var parts = new List<string>();
            if (numeric.Count > 0)
            {
                parts.Add($"r.id IN ({string.Join(", ", numeric)})");
            }

            if (custom.Count > 0)
            {
                parts.Add($"r.custom_id IN ({string.Join(", ", custom)})");
            }

            return LeafSql.OnRuns("(" + string.Join(" OR ", parts) + ")");
        }

        return Positive(set.Field, $"IN ({string.Join(", ", literals)})", textId: false);
    }

    private LeafSql InRange(FieldInRange range)
    {
        if (range.Field.Type is FieldType.Tags || range.Low.Kind is FilterValueKind.Null or FilterValueKind.Bool
            || range.High.Kind is FilterValueKind.Null or FilterValueKind.Bool)
        {
            throw Invalid(range.Field, "a range needs two numbers, texts, times or durations");
        }

        var low = Parameter(SqlValue(range.Field, range.Low));
        var high = Parameter(SqlValue(range.Field, range.High));
        return Positive(range.Field, $"BETWEEN {low} AND {high}", textId: false, Bound(range.Low));
    }

    /// <summary>Runs whose field passes <paramref name="test"/> (a suffix such as <c>&gt; $p0</c>, or a format with {0}).</summary>
    private LeafSql Positive(RunField field, string test, bool textId, string? bound = null, bool textOnly = false)
    {
        if (field.IsConfig)
        {
            var condition = Apply(test, "v.value");
            bound = textOnly ? "typeof(v.value) = 'text'" : bound?.Replace("{0}", "v.value", StringComparison.Ordinal);
            return LeafSql.Ids("config_values v", "v.run_id", $"v.key_id = {KeyId(field)} AND {condition}{(bound is null ? "" : " AND " + bound)}");
        }

        if (field.IsMetric)
        {
            return LeafSql.Ids("metrics m", "m.run_id", $"m.name = {Parameter(field.Name)} AND {Apply(test, "m." + MetricColumn(field))}");
        }

        if (field.Type is FieldType.Tags)
        {
            return LeafSql.Ids("run_tags t", "t.run_id", test == "IS NOT NULL" ? null : Apply(test, "t.tag"), distinct: true);
        }

        return LeafSql.OnRuns(Apply(test, Attribute(field, textId)));
    }

    /// <summary>Runs whose field does not pass the test, including runs without the field.</summary>
    private LeafSql Negated(RunField field, string test, bool textId)
    {
        if (field.IsConfig || field.IsMetric || field.Type is FieldType.Tags)
        {
            return Positive(field, test, textId) with { Negated = true };
        }

        var expression = Attribute(field, textId);
        return LeafSql.OnRuns(test == "IS NOT NULL" ? $"{expression} IS NULL" : $"({expression} IS NULL OR NOT ({Apply(test, expression)}))");
    }

    private static string Apply(string test, string expression) =>
        test.Contains("{0}", StringComparison.Ordinal)
            ? test.Replace("{0}", expression, StringComparison.Ordinal)
            : expression + " " + test;

    /// <summary>Keeps a config comparison to values of the literal's kind, as an index bound (numbers sort before text).</summary>
    private static string? Bound(FilterValue value) => value.Kind switch
    {
        FilterValueKind.Number => "{0} < ''",
        FilterValueKind.Text or FilterValueKind.Bool => "{0} >= ''",
        _ => null,
    };

    private string KeyId(RunField field) => $"(SELECT id FROM config_keys WHERE key = {Parameter(field.Name)})";

    private static string MetricColumn(RunField field) => field.Aggregate switch
    {
        MetricAggregate.Last => "last_value",
        MetricAggregate.Min => "min_value",
        MetricAggregate.Max => "max_value",
        MetricAggregate.Mean => "mean_value",
        MetricAggregate.Count => "count",
        _ => throw new ArgumentException($"{field.Path} is not a metric.", nameof(field)),
    };

    private static bool IsTextId(RunField field, FilterValue value) =>
        field.IsAttribute && field.Name == "id" && value.Kind == FilterValueKind.Text;

    private static string Attribute(RunField field, bool textId) => field.Name switch
    {
        "id" => textId ? "r.custom_id" : "r.id",
        "experiment" => "r.experiment_name",
        "command" => "r.command",
        "status" => StatusSql,
        "notes" => NotesSql,
        "host" => "r.hostname",
        "start" => "r.start_time",
        "stop" => "r.stop_time",
        "heartbeat" => "r.heartbeat",
        "queued" => "r.queue_time",
        "duration" => DurationSql,
        "result" => "r.result_value",
        "seed" => "r.seed",
        "comment" => "r.comment",
        _ => throw new ArgumentException($"{field.Path} has no column.", nameof(field)),
    };

    private static object SqlValue(RunField field, FilterValue value)
    {
        switch (field.Type)
        {
            case FieldType.Number when value.Kind == FilterValueKind.Number:
                return value.Integer is { } integer ? integer : value.Number;
            case FieldType.Number when IsTextId(field, value):
                return value.Text!;
            case FieldType.Text or FieldType.Tags when value.Kind == FilterValueKind.Text:
                return value.Text!;
            case FieldType.Text or FieldType.Tags when value.Kind is FilterValueKind.Number or FilterValueKind.Bool:
                return value.ToString();
            case FieldType.Status when value.Kind == FilterValueKind.Text:
                return value.Text!.ToUpperInvariant();
            case FieldType.Time when value.Kind == FilterValueKind.Time:
            case FieldType.Duration when value.Kind == FilterValueKind.Duration:
                return value.Integer!.Value;
            case FieldType.Config when value.Kind == FilterValueKind.Number:
                return value.Integer is { } exact ? exact : value.Number;
            case FieldType.Config when value.Kind == FilterValueKind.Text:
                return value.Text!;
            case FieldType.Config when value.Kind == FilterValueKind.Bool:
                return value.Number != 0 ? "true" : "false";
            default:
                throw Invalid(field, $"{Describe(value.Kind)} does not compare with {Describe(field.Type)}");
        }
    }

    private static string Describe(FilterValueKind kind) => kind switch
    {
        FilterValueKind.Number => "a number",
        FilterValueKind.Text => "text",
        FilterValueKind.Bool => "true/false",
        FilterValueKind.Time => "a time",
        FilterValueKind.Duration => "a duration",
        _ => "null",
    };

    /// <summary>What a field of this type takes, for error messages.</summary>
    public static string Describe(FieldType type) => type switch
    {
        FieldType.Number => "a number field",
        FieldType.Text => "a text field",
        FieldType.Time => "a time field (give a date such as 2026-11-01, or 2d ago)",
        FieldType.Duration => "a duration field (give a duration such as 90s, 30m, 2h, 1d)",
        FieldType.Status => "status (give a status name)",
        FieldType.Tags => "tags (give a tag)",
        _ => "a config key (give a number, text, true, false or null)",
    };

    private static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.Contains => "contains",
        _ => "~",
    };

    private static ArgumentException Invalid(RunField field, string message) =>
        new(new StringBuilder(field.Path).Append(": ").Append(message).ToString());

    /// <summary>
    /// One condition: run ids from an index (<see cref="From"/>, <see cref="RunId"/>, <see cref="Where"/>), or a
    /// condition on <c>runs r</c>.
    /// </summary>
    private sealed record LeafSql(string? From, string? RunId, string? Where, bool Distinct, string? OnRunsCondition, bool Negated)
    {
        public static LeafSql Ids(string from, string runId, string? where, bool distinct = false) => new(from, runId, where, distinct, null, false);

        public static LeafSql OnRuns(string condition) => new(null, null, null, false, condition, false);

        private string Select => $"SELECT {(Distinct ? "DISTINCT " : "")}{RunId} FROM {From}{(Where is null ? "" : " WHERE " + Where)}";

        public string AsCondition(bool correlated) => From is null
            ? OnRunsCondition!
            : correlated
                ? $"{(Negated ? "NOT " : "")}EXISTS (SELECT 1 FROM {From} WHERE {(Where is null ? "" : Where + " AND ")}{RunId} = r.id)"
                : $"{(Negated ? "NOT " : "")}(+r.id IN ({Select}))";

        public string AsSet() => From is null
            ? $"SELECT r.id FROM runs r WHERE {OnRunsCondition}"
            : Negated ? $"{AllRuns} EXCEPT {Select}" : Select;
    }
}
