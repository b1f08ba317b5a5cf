using System;
using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>The columns every run has, by the names queries, sort keys and column lists use.</summary>
public static class RunAttributes
{
    /// <summary>Every attribute, in the order a runs table shows them.</summary>
    public static IReadOnlyList<RunAttribute> All { get; } =
    [
        new("id", FieldType.Number, "the run id (a custom -i id matches as text)"),
        new("experiment", FieldType.Text, "the experiment name"),
        new("command", FieldType.Text, "the command that ran"),
        new("status", FieldType.Status, "QUEUED, RUNNING, COMPLETED, FAILED, INTERRUPTED, TIMEOUT or PROBABLY_DEAD"),
        new("tags", FieldType.Tags, "tags added in the board: tags = best means the run has the tag best"),
        new("notes", FieldType.Text, "notes written in the board, else the -c comment"),
        new("host", FieldType.Text, "the machine's host name"),
        new("start", FieldType.Time, "when the run started"),
        new("stop", FieldType.Time, "when the run ended"),
        new("heartbeat", FieldType.Time, "the last heartbeat"),
        new("queued", FieldType.Time, "when the run was queued (-q)"),
        new("duration", FieldType.Duration, "stop minus start; for a running run, so far"),
        new("result", FieldType.Number, "the result, when it is a number"),
        new("seed", FieldType.Number, "the root seed"),
        new("comment", FieldType.Text, "the -c comment"),
    ];

    /// <summary>Finds an attribute by name (exact, lower case).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The attribute, or null.</returns>
    public static RunAttribute? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var attribute in All)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }
}
