using Sacred.Storage.Reading;

namespace Sacred.Board.Api;

/// <summary>Turns the store's rows into the browser's.</summary>
internal static class RunRows
{
    public static RunRowDto ToDto(RunRow row, string? notes = null)
    {
        var run = row.Summary;
        return new RunRowDto(
            run.Id,
            run.CustomId,
            run.Experiment,
            run.Command,
            run.Status,
            run.QueueTime,
            run.StartTime,
            run.StopTime,
            run.Heartbeat,
            run.Duration?.TotalMilliseconds,
            run.Result,
            run.Comment,
            run.Seed,
            run.Hostname,
            row.Tags,
            notes ?? row.Notes,
            row.Values);
    }
}
