using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Cli;

/// <summary>The <c>--json</c> output of every command: stable keys, UTC ISO times, written without reflection.</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter stdout, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        stdout.Write(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));
        stdout.Write('\n');
    }

    public static void WritePage(Utf8JsonWriter json, RunPage page)
    {
        json.WriteStartObject();
        json.WriteNumber("total", page.TotalCount);
        json.WriteStartArray("runs");
        foreach (var run in page.Runs)
        {
            WriteSummary(json, run);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteSummary(Utf8JsonWriter json, RunSummary run)
    {
        json.WriteStartObject();
        json.WriteNumber("id", run.Id);
        WriteString(json, "custom_id", run.CustomId);
        json.WriteString("experiment", run.Experiment);
        json.WriteString("command", run.Command);
        json.WriteString("status", run.Status);
        WriteTime(json, "queue_time", run.QueueTime);
        WriteTime(json, "start_time", run.StartTime);
        WriteTime(json, "stop_time", run.StopTime);
        WriteTime(json, "heartbeat", run.Heartbeat);
        if (run.Duration is { } duration)
        {
            json.WriteNumber("duration_seconds", duration.TotalSeconds);
        }
        else
        {
            json.WriteNull("duration_seconds");
        }

        WriteNode(json, "result", run.Result);
        WriteString(json, "comment", run.Comment);
        json.WriteNumber("seed", run.Seed);
        WriteString(json, "hostname", run.Hostname);
        json.WriteEndObject();
    }

    public static void WriteMetricSummaries(Utf8JsonWriter json, string name, IReadOnlyList<MetricSummary> metrics)
    {
        json.WriteStartObject(name);
        foreach (var metric in metrics)
        {
            json.WriteStartObject(metric.Name);
            json.WriteNumber("count", metric.Count);
            WriteNumber(json, "min", metric.Min);
            WriteNumber(json, "min_step", metric.MinStep);
            WriteNumber(json, "max", metric.Max);
            WriteNumber(json, "max_step", metric.MaxStep);
            WriteNumber(json, "last", metric.Last);
            json.WriteNumber("last_step", metric.LastStep);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    public static void WriteNode(Utf8JsonWriter json, string name, ConfigNode? node)
    {
        json.WritePropertyName(name);
        if (node is null)
        {
            json.WriteNullValue();
        }
        else
        {
            node.WriteTo(json);
        }
    }

    public static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteTime(Utf8JsonWriter json, string name, DateTime? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
