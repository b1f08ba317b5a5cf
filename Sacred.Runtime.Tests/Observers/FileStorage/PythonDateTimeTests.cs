using System;
using Sacred.Observers.FileStorage;
using Xunit;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

public sealed class PythonDateTimeTests
{
    [Theory]
    [InlineData(0L, "2024-05-01T10:00:03")]
    [InlineData(1_230L, "2024-05-01T10:00:03.000123")]
    [InlineData(1_234_567L, "2024-05-01T10:00:03.123456")]
    [InlineData(9L, "2024-05-01T10:00:03")]
    public void Times_are_isoformat_of_naive_utc_with_microseconds_only_when_not_zero(long extraTicks, string expected) =>
        Assert.Equal(expected, PythonDateTime.Format(new DateTime(2024, 5, 1, 10, 0, 3, DateTimeKind.Utc).AddTicks(extraTicks)));

    [Fact]
    public void A_local_time_is_converted_to_utc()
    {
        var utc = new DateTime(2024, 5, 1, 10, 0, 3, DateTimeKind.Utc);

        Assert.Equal("2024-05-01T10:00:03", PythonDateTime.Format(utc.ToLocalTime()));
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00")]
    [InlineData(1_714_557_600_512L, "2024-05-01T10:00:00.512000")]
    [InlineData(1_714_557_600_000L, "2024-05-01T10:00:00")]
    [InlineData(-1L, "1969-12-31T23:59:59.999000")]
    [InlineData(253_402_300_799_999L, "9999-12-31T23:59:59.999000")]
    public void Unix_milliseconds_are_formatted_the_same_way(long unixMs, string expected)
    {
        Span<byte> text = stackalloc byte[PythonDateTime.MaxLength];

        var length = new PythonDateTime.MillisecondFormatter().Format(unixMs, text);

        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(text[..length]));
    }

    [Fact]
    public void The_formatter_follows_day_changes()
    {
        var formatter = new PythonDateTime.MillisecondFormatter();
        var text = new byte[PythonDateTime.MaxLength];
        string Format(long ms) => System.Text.Encoding.ASCII.GetString(text, 0, formatter.Format(ms, text));

        Assert.Equal("2024-05-01T23:59:59.999000", Format(1_714_607_999_999L));
        Assert.Equal("2024-05-02T00:00:00", Format(1_714_608_000_000L));
        Assert.Equal("2024-05-01T23:59:59", Format(1_714_607_999_000L));
    }
}
