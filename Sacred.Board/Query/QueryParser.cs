using System;
using System.Collections.Generic;
using System.Linq;
using Sacred.Formatting;
using Sacred.Storage.Reading;

namespace Sacred.Board.Query;

/// <summary>
/// Reads the board's query language into a <see cref="RunFilter"/>:
/// <code>
/// query      := or
/// or         := and ("OR" and)*
/// and        := unary (["AND"] unary)*                 juxtaposition means AND
/// unary      := "NOT" unary | "(" or ")" | condition
/// condition  := field op value                         op: = != &lt; &lt;= &gt; &gt;= ~ (regex) !~ CONTAINS
///             | field ["NOT"] "IN" "(" value ("," value)* ")"
///             | field ["NOT"] "BETWEEN" value "AND" value
///             | field "=" value ".." value             a range, both ends included
/// value      := number | duration (2h, 1h30m) | date (2026-11-01) | "today" | "yesterday" | "now" | duration "ago"
///             | word | "quoted text" | true | false | null
/// </code>
/// Keywords ignore case. Fields: the run attributes (<see cref="RunAttributes"/>), <c>config.&lt;key&gt;</c> at any
/// depth, <c>metrics.&lt;name&gt;[.last|min|max|mean|count]</c>. Every error carries the position and what would be
/// valid there.
/// </summary>
public sealed class QueryParser
{
    private static readonly string[] s_operators = ["=", "!=", "<", "<=", ">", ">=", "~", "!~", "IN", "NOT IN", "BETWEEN", "CONTAINS"];
    private static readonly string[] s_connectives = ["AND", "OR", ")", "end of query"];
    private static readonly HashSet<string> s_keywords = new(StringComparer.OrdinalIgnoreCase) { "AND", "OR", "NOT", "IN", "BETWEEN", "CONTAINS" };

    private readonly string _query;
    private readonly List<QueryToken> _tokens;
    private readonly QueryContext _context;
    private int _next;

    private QueryParser(string query, QueryContext context)
    {
        _query = query;
        _context = context;
        _tokens = QueryLexer.Tokenize(query);
    }

    /// <summary>Reads a query.</summary>
    /// <param name="query">The text; empty or blank means every run.</param>
    /// <param name="context">Known keys, clock and time zone.</param>
    /// <returns>The filter, or null for an empty query.</returns>
    /// <exception cref="QueryException">The query is malformed; the error says where and what would be valid.</exception>
    public static RunFilter? Parse(string query, QueryContext context)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var parser = new QueryParser(query, context);
        var filter = parser.ParseOr();
        var end = parser.Peek();
        if (end.Kind != QueryTokenKind.End)
        {
            throw Error(end.Kind == QueryTokenKind.Close ? "This ) has no matching (" : $"Unexpected '{parser.Text(end)}'", end, s_connectives);
        }

        return filter;
    }

    /// <summary>Reads a field's spelling (for sort keys and columns), checking config keys and metrics against the context.</summary>
    /// <param name="path">The field, e.g. <c>config.model.depth</c>.</param>
    /// <param name="context">Known keys.</param>
    /// <returns>The field.</returns>
    /// <exception cref="QueryException">The field is unknown.</exception>
    public static RunField ParseField(string path, QueryContext context)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(context);
        return new QueryParser(path, context).Field(new QueryToken(QueryTokenKind.Word, path, 0, path.Length));
    }

    private RunFilter ParseOr()
    {
        var parts = new List<RunFilter> { ParseAnd() };
        while (Peek().Is("OR"))
        {
            _next++;
            parts.Add(ParseAnd());
        }

        return parts.Count == 1 ? parts[0] : new AnyOf(parts);
    }

    private RunFilter ParseAnd()
    {
        var parts = new List<RunFilter> { ParseUnary() };
        while (true)
        {
            var token = Peek();
            if (token.Is("AND"))
            {
                _next++;
                parts.Add(ParseUnary());
            }
            else if (token.Kind is QueryTokenKind.Open || (token.Kind is QueryTokenKind.Word && !token.Is("OR")))
            {
                parts.Add(ParseUnary());
            }
            else
            {
                break;
            }
        }

        return parts.Count == 1 ? parts[0] : new AllOf(parts);
    }

    private RunFilter ParseUnary()
    {
        var token = Peek();
        if (token.Is("NOT"))
        {
            _next++;
            return new Not(ParseUnary());
        }

        if (token.Kind == QueryTokenKind.Open)
        {
            _next++;
            var inner = ParseOr();
            var close = Peek();
            if (close.Kind != QueryTokenKind.Close)
            {
                throw Error($"The ( at {token.Position + 1} is not closed", close, ["AND", "OR", ")"]);
            }

            _next++;
            return inner;
        }

        return ParseCondition();
    }

    private RunFilter ParseCondition()
    {
        var token = Take();
        if (token.Kind != QueryTokenKind.Word || s_keywords.Contains(token.Value))
        {
            var what = token.Kind == QueryTokenKind.End ? "The query ends where a condition should start" : $"Expected a field, found '{Text(token)}'";
            throw Error(what, token, FieldExamples());
        }

        var field = Field(token);
        var op = Take();
        var negated = false;
        if (op.Is("NOT"))
        {
            negated = true;
            op = Take();
            if (!op.Is("IN") && !op.Is("BETWEEN") && !op.Is("CONTAINS"))
            {
                throw Error($"NOT after a field must be followed by IN, BETWEEN or CONTAINS, not '{Text(op)}'", op, ["IN", "BETWEEN", "CONTAINS"]);
            }
        }

        RunFilter filter;
        if (op.Is("IN"))
        {
            filter = ParseIn(field, op);
        }
        else if (op.Is("BETWEEN"))
        {
            var low = Value(field, Take());
            var and = Take();
            if (!and.Is("AND"))
            {
                throw Error($"BETWEEN needs AND between its two values, found '{Text(and)}'", and, ["AND"]);
            }

            filter = new FieldInRange(field, low, Value(field, Take()));
        }
        else if (op.Is("CONTAINS"))
        {
            filter = new FieldComparison(field, ComparisonOperator.Contains, TextValue(field, Take(), "CONTAINS"));
        }
        else if (op.Kind == QueryTokenKind.Operator)
        {
            filter = ParseComparison(field, op);
        }
        else
        {
            throw Error(op.Kind == QueryTokenKind.End ? $"The query ends after the field {field.Path}; compare it with a value" : $"Expected an operator after {field.Path}, found '{Text(op)}'", op, s_operators);
        }

        return negated ? new Not(filter) : filter;
    }

    private RunFilter ParseComparison(RunField field, QueryToken op)
    {
        if (op.Value is "~" or "!~")
        {
            var pattern = Take();
            var value = TextValue(field, pattern, op.Value);
            if (!FilterRegex.TryValidate(value.Text!, out var problem))
            {
                throw Error($"Not a valid regular expression: {problem}", pattern, ["a .NET regular expression, e.g. \"^run-[0-9]+$\""]);
            }

            var match = new FieldComparison(field, ComparisonOperator.Matches, value);
            return op.Value == "~" ? match : new Not(match);
        }

        var first = Take();
        var low = Value(field, first);
        if (Peek().Kind == QueryTokenKind.Range)
        {
            var range = Take();
            if (op.Value != "=")
            {
                throw Error($"A range goes with =, not {op.Value}", op, ["="]);
            }

            var high = Peek();
            if (high.Kind is not (QueryTokenKind.Word or QueryTokenKind.Text))
            {
                throw Error("A range needs a value after ..", high.Kind == QueryTokenKind.End ? high : range, ValueForms(field));
            }

            return new FieldInRange(field, low, Value(field, Take()));
        }

        var comparison = op.Value switch
        {
            "=" => ComparisonOperator.Equal,
            "!=" => ComparisonOperator.NotEqual,
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            _ => ComparisonOperator.GreaterOrEqual,
        };
        if (comparison is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            if (low.Kind == FilterValueKind.Null)
            {
                throw Error($"null can only be compared with = or !=", op, ["=", "!="]);
            }

            if (field.Type == FieldType.Tags || low.Kind == FilterValueKind.Bool)
            {
                throw Error($"{op.Value} does not apply to {(field.Type == FieldType.Tags ? "tags" : "true/false")}", op, ["=", "!=", "IN"]);
            }
        }

        return new FieldComparison(field, comparison, low);
    }

    private FieldInSet ParseIn(RunField field, QueryToken op)
    {
        var open = Take();
        if (open.Kind != QueryTokenKind.Open)
        {
            throw Error($"IN needs a list in parentheses, e.g. {field.Path} IN (a, b)", open, ["("]);
        }

        var values = new List<FilterValue>();
        while (true)
        {
            var token = Take();
            if (token.Kind == QueryTokenKind.Close && values.Count == 0)
            {
                throw Error("IN needs at least one value", token, ValueForms(field));
            }

            var value = Value(field, token);
            if (value.Kind == FilterValueKind.Null)
            {
                throw Error("IN takes values, not null; write = null", token, ValueForms(field));
            }

            values.Add(value);
            var next = Take();
            if (next.Kind == QueryTokenKind.Close)
            {
                return new FieldInSet(field, values);
            }

            if (next.Kind != QueryTokenKind.Comma)
            {
                throw Error(next.Kind == QueryTokenKind.End ? $"The list after IN at {op.Position + 1} is not closed" : $"Expected , or ) in the list, found '{Text(next)}'", next, [",", ")"]);
            }
        }
    }

    private RunField Field(QueryToken token)
    {
        var path = token.Value;
        if (!RunField.TryParse(path, out var field))
        {
            var candidates = AllFieldNames();
            var close = Suggestions.Closest(path, candidates);
            var hint = close.Count > 0 ? $"; did you mean {string.Join(" or ", close)}?" : "";
            throw Error($"Unknown field '{path}'{hint}", token, close.Count > 0 ? [.. close] : FieldExamples());
        }

        if (field.IsConfig && _context.ConfigKeys is { } keys && !keys.Contains(field.Name))
        {
            var close = Suggestions.Closest(field.Name, keys);
            throw Error(
                $"No run has the config key '{field.Name}'{(close.Count > 0 ? $"; did you mean {string.Join(" or ", close.Select(k => RunField.ConfigPrefix + k))}?" : "")}",
                token,
                close.Count > 0 ? [.. close.Select(k => RunField.ConfigPrefix + k)] : [.. keys.Take(20).Select(k => RunField.ConfigPrefix + k)]);
        }

        if (field.IsMetric && _context.Metrics is { } metrics && !metrics.Contains(field.Name))
        {
            var close = Suggestions.Closest(field.Name, metrics);
            throw Error(
                $"No run has the metric '{field.Name}'{(close.Count > 0 ? $"; did you mean {string.Join(" or ", close.Select(m => RunField.MetricPrefix + m))}?" : "")}",
                token,
                [.. (close.Count > 0 ? close : metrics.Take(20)).Select(m => RunField.MetricPrefix + m + ".last|min|max|mean|count")]);
        }

        return field;
    }

    private FilterValue TextValue(RunField field, QueryToken token, string op)
    {
        if (token.Kind is not (QueryTokenKind.Word or QueryTokenKind.Text) || (token.Kind == QueryTokenKind.Word && s_keywords.Contains(token.Value)))
        {
            throw Error(token.Kind == QueryTokenKind.End ? $"The query ends after {op}; give a text" : $"Expected a text after {op}, found '{Text(token)}'", token, ["a word", "\"quoted text\""]);
        }

        if (field.Type is FieldType.Number or FieldType.Time or FieldType.Duration)
        {
            throw Error($"{op} compares text; {field.Path} is not text", token, ["=", "<", ">", "IN", "BETWEEN"]);
        }

        return FilterValue.FromText(token.Value);
    }

    private FilterValue Value(RunField field, QueryToken token)
    {
        if (token.Kind == QueryTokenKind.Text)
        {
            return field.Type switch
            {
                FieldType.Time => Time(token) ?? throw Error($"'{token.Value}' is not a date", token, ValueForms(field)),
                FieldType.Duration => Duration(token) ?? throw Error($"'{token.Value}' is not a duration", token, ValueForms(field)),
                FieldType.Number when !(field.IsAttribute && field.Name == "id") => throw Error($"{field.Path} is a number; \"{token.Value}\" is text", token, ValueForms(field)),
                _ => FilterValue.FromText(token.Value),
            };
        }

        if (token.Kind != QueryTokenKind.Word || s_keywords.Contains(token.Value))
        {
            var what = token.Kind == QueryTokenKind.End ? $"The query ends where a value for {field.Path} should be" : $"Expected a value for {field.Path}, found '{Text(token)}'";
            throw Error(what, token, ValueForms(field));
        }

        var word = token.Value;
        if (word.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return FilterValue.Null;
        }

        switch (field.Type)
        {
            case FieldType.Time:
                return Time(token) ?? throw Error($"'{word}' is not a time", token, ValueForms(field));
            case FieldType.Duration:
                if (QueryLiterals.TryNumber(word, out _, out _))
                {
                    throw Error($"A duration needs a unit: {word}s, {word}m, {word}h or {word}d", token, ValueForms(field));
                }

                return Duration(token) ?? throw Error($"'{word}' is not a duration", token, ValueForms(field));
            case FieldType.Number:
                if (QueryLiterals.TryNumber(word, out var number, out var integer))
                {
                    return integer is { } exact ? FilterValue.FromInteger(exact) : FilterValue.FromNumber(number);
                }

                if (field.IsAttribute && field.Name == "id")
                {
                    return FilterValue.FromText(word);
                }

                throw Error($"{field.Path} is a number; '{word}' is not", token, ValueForms(field));
            case FieldType.Config:
                if (word.Equals("true", StringComparison.OrdinalIgnoreCase) || word.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    return FilterValue.FromBool(word.Equals("true", StringComparison.OrdinalIgnoreCase));
                }

                if (QueryLiterals.TryNumber(word, out var configNumber, out var configInteger))
                {
                    return configInteger is { } exactConfig ? FilterValue.FromInteger(exactConfig) : FilterValue.FromNumber(configNumber);
                }

                return FilterValue.FromText(word);
            default:
                return FilterValue.FromText(word);
        }
    }

    private FilterValue? Time(QueryToken token)
    {
        var word = token.Value.ToLowerInvariant();
        var now = _context.UtcNow;
        var localToday = (now + _context.UtcOffset).Date;
        switch (word)
        {
            case "now":
                return FilterValue.FromTime(now);
            case "today":
                return FilterValue.FromTime(DateTime.SpecifyKind(localToday - _context.UtcOffset, DateTimeKind.Utc));
            case "yesterday":
                return FilterValue.FromTime(DateTime.SpecifyKind(localToday.AddDays(-1) - _context.UtcOffset, DateTimeKind.Utc));
        }

        if (QueryLiterals.TryDate(token.Value, _context.UtcOffset, out var date))
        {
            return FilterValue.FromTime(date);
        }

        if (QueryLiterals.TryDuration(token.Value, out var ago))
        {
            var next = Peek();
            if (!next.Is("ago"))
            {
                throw Error($"'{token.Value}' is a duration; for a time write '{token.Value} ago'", next.Kind == QueryTokenKind.End ? token : next, ["ago"]);
            }

            _next++;
            return FilterValue.FromTime(now - ago);
        }

        return null;
    }

    private static FilterValue? Duration(QueryToken token) =>
        QueryLiterals.TryDuration(token.Value, out var duration) ? FilterValue.FromDuration(duration) : null;

    private static string[] ValueForms(RunField field) => field.Type switch
    {
        FieldType.Number => field.IsAttribute && field.Name == "id" ? ["a run id, e.g. 42"] : ["a number, e.g. 0.01 or 1e-3"],
        FieldType.Time => ["a date, e.g. 2026-11-01 or \"2026-11-01 14:30\"", "today", "yesterday", "a time ago, e.g. 2d ago"],
        FieldType.Duration => ["a duration, e.g. 90s, 30m, 2h, 1h30m, 1d"],
        FieldType.Status => ["QUEUED", "RUNNING", "COMPLETED", "FAILED", "INTERRUPTED", "TIMEOUT", "PROBABLY_DEAD"],
        FieldType.Tags => ["a tag"],
        FieldType.Config => ["a number", "a word or \"quoted text\"", "true", "false", "null"],
        _ => ["a word or \"quoted text\"", "null"],
    };

    private string[] FieldExamples()
    {
        var examples = new List<string>();
        foreach (var attribute in RunAttributes.All)
        {
            examples.Add(attribute.Name);
        }

        examples.Add("config.<key>");
        examples.Add("metrics.<name>.last|min|max|mean|count");
        examples.Add("NOT");
        examples.Add("(");
        return [.. examples];
    }

    private List<string> AllFieldNames()
    {
        var names = new List<string>();
        foreach (var attribute in RunAttributes.All)
        {
            names.Add(attribute.Name);
        }

        foreach (var key in _context.ConfigKeys ?? [])
        {
            names.Add(RunField.ConfigPrefix + key);
        }

        foreach (var metric in _context.Metrics ?? [])
        {
            names.Add(RunField.MetricPrefix + metric);
        }

        return names;
    }

    private QueryToken Peek() => _tokens[_next];

    private QueryToken Take()
    {
        var token = _tokens[_next];
        if (token.Kind != QueryTokenKind.End)
        {
            _next++;
        }

        return token;
    }

    private string Text(QueryToken token) => token.Kind == QueryTokenKind.End ? "end of query" : _query.Substring(token.Position, token.Length);

    private static QueryException Error(string message, QueryToken token, IReadOnlyList<string> expected) =>
        new(new QueryError(message, token.Position, Math.Max(token.Length, token.Kind == QueryTokenKind.End ? 0 : 1), expected));
}
