using System;
using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>
/// Something a run can be filtered, sorted or shown by: an attribute (<c>status</c>, <c>duration</c>), a config key
/// at any depth (<c>config.model.depth</c>) or a metric summary (<c>metrics.validation.loss.min</c>).
/// </summary>
public sealed record RunField
{
    private RunField(string path, FieldType type, string name, MetricAggregate? aggregate, bool isConfig)
    {
        Path = path;
        Type = type;
        Name = name;
        Aggregate = aggregate;
        IsConfig = isConfig;
    }

    /// <summary>The prefix of config keys.</summary>
    public const string ConfigPrefix = "config.";

    /// <summary>The prefix of metric summaries.</summary>
    public const string MetricPrefix = "metrics.";

    /// <summary>The field as queries and URLs spell it: <c>start</c>, <c>config.model.depth</c>, <c>metrics.loss.min</c>.</summary>
    public string Path { get; }

    /// <summary>The kind of values.</summary>
    public FieldType Type { get; }

    /// <summary>The attribute name, the dotted config key, or the metric name.</summary>
    public string Name { get; }

    /// <summary>For a metric: which summary; otherwise null.</summary>
    public MetricAggregate? Aggregate { get; }

    /// <summary>True for a config key.</summary>
    public bool IsConfig { get; }

    /// <summary>True for a metric summary.</summary>
    public bool IsMetric => Aggregate is not null;

    /// <summary>True for a run attribute.</summary>
    public bool IsAttribute => !IsConfig && !IsMetric;

    /// <summary>The valid spellings, for error messages.</summary>
    public static string Valid =>
        "an attribute (" + string.Join(", ", AttributeNames()) + "), config.<key> or metrics.<name>[.last|min|max|mean|count]";

    /// <summary>The run id.</summary>
    public static RunField Id { get; } = Attribute("id");

    /// <summary>A run attribute.</summary>
    /// <param name="name">One of <see cref="RunAttributes.All"/>.</param>
    /// <returns>The field.</returns>
    /// <exception cref="ArgumentException">No such attribute.</exception>
    public static RunField Attribute(string name)
    {
        var attribute = RunAttributes.Find(name)
            ?? throw new ArgumentException($"Unknown run attribute '{name}'; valid: {string.Join(", ", AttributeNames())}.", nameof(name));
        return new RunField(attribute.Name, attribute.Type, attribute.Name, null, isConfig: false);
    }

    /// <summary>A config key.</summary>
    /// <param name="key">The dotted key, e.g. <c>model.depth</c>.</param>
    /// <returns>The field.</returns>
    public static RunField Config(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new RunField(ConfigPrefix + key, FieldType.Config, key, null, isConfig: true);
    }

    /// <summary>A metric summary.</summary>
    /// <param name="name">The metric name, e.g. <c>validation.loss</c>.</param>
    /// <param name="aggregate">Which summary.</param>
    /// <returns>The field.</returns>
    public static RunField Metric(string name, MetricAggregate aggregate)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new RunField(MetricPrefix + name + "." + AggregateName(aggregate), FieldType.Number, name, aggregate, isConfig: false);
    }

    /// <summary>
    /// Reads a field's spelling. A metric path ends in its summary; without one (<c>metrics.loss</c>) it means the
    /// last value. Metric names may contain dots, so only a final <c>.last|min|max|mean|count</c> is a summary.
    /// </summary>
    /// <param name="path">The text.</param>
    /// <param name="field">The field, when valid.</param>
    /// <returns>True when the text names a field.</returns>
    public static bool TryParse(string path, out RunField field)
    {
        ArgumentNullException.ThrowIfNull(path);
        field = null!;
        if (path.StartsWith(ConfigPrefix, StringComparison.Ordinal))
        {
            if (path.Length == ConfigPrefix.Length || path.EndsWith('.'))
            {
                return false;
            }

            field = Config(path[ConfigPrefix.Length..]);
            return true;
        }

        if (path.StartsWith(MetricPrefix, StringComparison.Ordinal))
        {
            var rest = path[MetricPrefix.Length..];
            if (rest.Length == 0 || rest.EndsWith('.'))
            {
                return false;
            }

            var dot = rest.LastIndexOf('.');
            if (dot > 0 && ParseAggregate(rest[(dot + 1)..]) is { } aggregate)
            {
                field = Metric(rest[..dot], aggregate);
                return true;
            }

            field = Metric(rest, MetricAggregate.Last);
            return true;
        }

        if (RunAttributes.Find(path) is { } attribute)
        {
            field = new RunField(attribute.Name, attribute.Type, attribute.Name, null, isConfig: false);
            return true;
        }

        return false;
    }

    /// <summary>The summary's name in paths: <c>last</c>, <c>min</c>, <c>max</c>, <c>mean</c>, <c>count</c>.</summary>
    /// <param name="aggregate">The summary.</param>
    /// <returns>Its name.</returns>
    public static string AggregateName(MetricAggregate aggregate) => aggregate switch
    {
        MetricAggregate.Last => "last",
        MetricAggregate.Min => "min",
        MetricAggregate.Max => "max",
        MetricAggregate.Mean => "mean",
        MetricAggregate.Count => "count",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregate)),
    };

    /// <inheritdoc />
    public override string ToString() => Path;

    private static MetricAggregate? ParseAggregate(string text) => text switch
    {
        "last" => MetricAggregate.Last,
        "min" => MetricAggregate.Min,
        "max" => MetricAggregate.Max,
        "mean" => MetricAggregate.Mean,
        "count" => MetricAggregate.Count,
        _ => null,
    };

    private static IEnumerable<string> AttributeNames()
    {
        foreach (var attribute in RunAttributes.All)
        {
            yield return attribute.Name;
        }
    }
}
