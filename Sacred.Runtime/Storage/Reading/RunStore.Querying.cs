using System;
using System.Collections.Generic;
using Sacred.Configuration;

namespace Sacred.Storage.Reading;

/// <summary>The board's reads: runs found by a <see cref="RunFilter"/>, the catalog of keys, annotations, output search.</summary>
public sealed partial class RunStore
{
    /// <summary>Finds one page of runs: filtered, sorted (by any field) and paged, with extra columns.</summary>
    /// <param name="search">Filter, order, page and columns.</param>
    /// <returns>The runs on the page, in order.</returns>
    /// <exception cref="ArgumentException">The filter compares a field with a value it cannot hold (e.g. <c>start &gt; 2h</c>), or the limit is above 1,000.</exception>
    public IReadOnlyList<RunRow> Search(RunSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        using var connection = Connect();
        FilterRegex.Register(connection);
        using var transaction = connection.BeginTransaction(deferred: true);
        return RunSearchQuery.Search(connection, transaction, search, search.DeadAfter ?? DeadAfter, DateTime.UtcNow);
    }

    /// <summary>Counts the runs a filter matches.</summary>
    /// <param name="filter">The condition; null counts every run.</param>
    /// <param name="deadAfter">The probably-dead threshold; null: <see cref="DeadAfter"/>.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">The filter compares a field with a value it cannot hold.</exception>
    public long Count(RunFilter? filter, TimeSpan? deadAfter = null)
    {
        using var connection = Connect();
        FilterRegex.Register(connection);
        return RunSearchQuery.Count(connection, filter, deadAfter ?? DeadAfter, DateTime.UtcNow);
    }

    /// <summary>Lists the config keys, metric names, tags, experiments, hosts and statuses in the store.</summary>
    /// <returns>The catalog.</returns>
    public StoreCatalog GetCatalog()
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        return CatalogReader.Read(connection, transaction);
    }

    /// <summary>The distinct values a config key takes over all runs, smallest first (numbers before text).</summary>
    /// <param name="key">The dotted key.</param>
    /// <param name="limit">The most values to return.</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<ConfigNode> GetConfigValues(string key, int limit)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        var values = new List<ConfigNode>();
        foreach (var value in CatalogReader.ConfigValues(connection, transaction, key, limit))
        {
            values.Add(value switch
            {
                long integer => ConfigNode.From(integer),
                double real => ConfigNode.From(real),
                _ => ConfigNode.From(value.ToString()),
            });
        }

        return values;
    }

    /// <summary>Reads a run's tags and notes.</summary>
    /// <param name="runId">The run id.</param>
    /// <returns>The annotations, or null when there is no such run.</returns>
    public RunAnnotations? GetAnnotations(long runId)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT n.notes, n.updated, r.id FROM runs r LEFT JOIN run_notes n ON n.run_id = r.id WHERE r.id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        string? notes;
        DateTime? updated;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            notes = reader.IsDBNull(0) ? null : reader.GetString(0);
            updated = RunListing.Time(reader, 1);
        }

        command.CommandText = "SELECT tag FROM run_tags WHERE run_id = $run ORDER BY tag;";
        var tags = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tags.Add(reader.GetString(0));
            }
        }

        return new RunAnnotations(tags, notes, updated);
    }

    /// <summary>Finds the lines of a run's captured output that contain a text (ignoring case).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="text">The text to find.</param>
    /// <param name="maxMatches">The most lines to return.</param>
    /// <returns>The matching lines in order.</returns>
    public IReadOnlyList<OutputMatch> SearchOutput(long runId, string text, int maxMatches)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxMatches);
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        return OutputSearch.Find(connection, transaction, runId, text, maxMatches);
    }
}
