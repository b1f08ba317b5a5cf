using System;
using Sacred.Running;
using Xunit;

namespace Sacred.Runtime.Tests.Running;

public sealed class ElapsedTimeTests
{
    [Theory]
    [InlineData(0, "0:00:00")]
    [InlineData(0.4, "0:00:00")]
    [InlineData(59.6, "0:01:00")]
    [InlineData(3723, "1:02:03")]
    [InlineData(36000, "10:00:00")]
    [InlineData(86400, "1 day, 0:00:00")]
    [InlineData(2 * 86400 + 3 * 3600 + 5, "2 days, 3:00:05")]
    public void Formats_like_python_timedelta(double seconds, string expected)
    {
        Assert.Equal(expected, ElapsedTime.Format(TimeSpan.FromSeconds(seconds)));
    }
}
