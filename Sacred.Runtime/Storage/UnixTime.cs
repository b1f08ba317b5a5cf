using System;

namespace Sacred.Storage;

/// <summary>Times are stored as Unix epoch milliseconds (UTC): compact, sortable, and what metric points carry.</summary>
internal static class UnixTime
{
    public static long ToMs(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTimeOffset(utc).ToUnixTimeMilliseconds();
    }

    public static DateTime FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}
