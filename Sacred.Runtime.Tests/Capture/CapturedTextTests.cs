using Sacred.Capture;
using Xunit;

namespace Sacred.Runtime.Tests.Capture;

public sealed class CapturedTextTests
{
    [Fact]
    public void Each_stream_keeps_its_unfinished_line_apart_and_lines_join_in_the_order_they_end()
    {
        var text = new CapturedText();
        var stdout = text.AddStream();
        var stderr = text.AddStream();

        stdout.Append("progress 0/10");
        stderr.Append("INFO - probe - ");
        stdout.Append("\rprogress 5/10");
        stderr.Append("Result: 0.9\n");
        var taken = text.TakeCompletedLines();
        stdout.Append("\rprogress 10/10\n");

        Assert.Equal("INFO - probe - Result: 0.9\n", taken);
        Assert.Equal("progress 10/10\n", text.TakeCompletedLines());
    }

    [Fact]
    public void At_the_end_each_unfinished_line_is_on_a_line_of_its_own_the_last_without_a_line_feed()
    {
        var text = new CapturedText();
        var stdout = text.AddStream();
        var stderr = text.AddStream();

        stdout.Append("done\nunfinished out");
        stderr.Append("unfinished err");

        Assert.Equal("done\nunfinished out\nunfinished err", text.Close());
        stdout.Append("ignored once closed\n");
        Assert.Equal(string.Empty, text.TakeCompletedLines());
    }
}
