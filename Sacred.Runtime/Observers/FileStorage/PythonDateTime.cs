using System;
using System.Runtime.CompilerServices;
using Sacred.Generated;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// Times as Sacred stores them: Python's <c>datetime.isoformat()</c> of a naive UTC time,
/// <c>2024-05-01T10:00:03.123456</c>, the fraction left out when the microseconds are 0.
/// </summary>
internal static class PythonDateTime
{
    /// <summary>The longest text <see cref="MillisecondFormatter"/> writes.</summary>
    public const int MaxLength = 26;

    private const long MillisecondsPerDay = 86_400_000;

    /// <summary>Formats a time as <c>isoformat()</c>; a local time is converted to UTC, an unspecified one taken as UTC.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTime time)
    {
        var utc = Utc(time);
        var microseconds = (int)(utc.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond);
        Span<byte> text = stackalloc byte[MaxLength];
        var length = Write(text, utc.Year, utc.Month, utc.Day, utc.Hour * 3600 + utc.Minute * 60 + utc.Second, microseconds);
        return System.Text.Encoding.ASCII.GetString(text[..length]);
    }

    /// <summary>
    /// Sacred's <c>queue_time</c>: the jsonpickle form of a naive <c>datetime</c>, whose payload is the base64 of
    /// the 10-byte pickle state (year as two bytes, month, day, hour, minute, second, microseconds as three bytes).
    /// </summary>
    /// <param name="time">The time.</param>
    /// <returns>The jsonpickle object.</returns>
    public static ConfigNode ToJsonPickle(DateTime time)
    {
        var utc = Utc(time);
        var microseconds = (int)(utc.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond);
        byte[] state =
        [
            (byte)(utc.Year >> 8), (byte)utc.Year, (byte)utc.Month, (byte)utc.Day,
            (byte)utc.Hour, (byte)utc.Minute, (byte)utc.Second,
            (byte)(microseconds >> 16), (byte)(microseconds >> 8), (byte)microseconds,
        ];
        var type = new ConfigObjectBuilder();
        type.Add("py/type", ConfigNode.From("datetime.datetime"));
        var reduce = ConfigNode.FromItems([type.Build(), ConfigNode.FromItems([ConfigNode.From(Convert.ToBase64String(state))])]);
        var node = new ConfigObjectBuilder();
        node.Add("__reduce__", reduce);
        node.Add("py/object", ConfigNode.From("datetime.datetime"));
        return node.Build();
    }

    /// <summary>
    /// Formats Unix millisecond timestamps, reusing the date part while the day stays the same (metric points
    /// come in bursts within one day). One per writer: it is not thread-safe.
    /// </summary>
    public sealed class MillisecondFormatter
    {
        private long _day = long.MinValue;
        private int _year;
        private int _month;
        private int _dayOfMonth;

        /// <summary>Writes <paramref name="unixMilliseconds"/> as <c>isoformat()</c> ASCII.</summary>
        /// <param name="unixMilliseconds">Milliseconds since 1970-01-01 UTC.</param>
        /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
        /// <returns>The number of bytes written.</returns>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Format(long unixMilliseconds, Span<byte> destination)
        {
            var day = Math.DivRem(unixMilliseconds, MillisecondsPerDay, out var inDay);
            if (inDay < 0)
            {
                day--;
                inDay += MillisecondsPerDay;
            }

            if (day != _day)
            {
                var date = DateTime.UnixEpoch.AddDays(day);
                (_year, _month, _dayOfMonth, _day) = (date.Year, date.Month, date.Day, day);
            }

            return Write(destination, _year, _month, _dayOfMonth, (int)(inDay / 1000), (int)(inDay % 1000) * 1000);
        }
    }

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;

    private static int Write(Span<byte> text, int year, int month, int day, int secondOfDay, int microseconds)
    {
        Digits(text[..4], year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), secondOfDay / 3600);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), secondOfDay / 60 % 60);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), secondOfDay % 60);
        if (microseconds == 0)
        {
            return 19;
        }

        text[19] = (byte)'.';
        Digits(text.Slice(20, 6), microseconds);
        return MaxLength;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
