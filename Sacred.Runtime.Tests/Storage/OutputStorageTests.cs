using System.Linq;
using System.Text;
using Sacred.Storage.Reading;
using Sacred.Storage.Writing;
using Xunit;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

public sealed class OutputStorageTests
{
    private static string Lines(int from, int count) =>
        string.Concat(Enumerable.Range(from, count).Select(i => $"line {i}\n"));

    private static (TempFiles Temp, string Output) Record(params string[] beats)
    {
        var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        foreach (var beat in beats)
        {
            observer.HeartbeatEvent(Beat(Start, beat));
        }

        observer.Close();
        return (temp, string.Concat(beats));
    }

    [Fact]
    public void Pages_of_any_size_from_any_offset_put_the_output_back_together()
    {
        var big = new string('x', RunWriter.MaxOutputChunkChars + 1000) + "\n";
        var (temp, output) = Record(Lines(0, 10), "", big, Lines(10, 5000), "partial line without newline");
        using (temp)
        using (var store = RunStore.Open(temp.Directory))
        {
            Assert.Equal(output.Length, store.GetRun(1)!.OutputChars);
            foreach (var pageSize in new[] { 997, 4096, 100_000, output.Length })
            {
                var text = new StringBuilder();
                long offset = 0;
                while (true)
                {
                    var page = store.ReadOutput(1, offset, pageSize)!;
                    Assert.Equal(offset, page.Offset);
                    Assert.Equal(output.Length, page.TotalChars);
                    text.Append(page.Text);
                    offset = page.NextOffset;
                    if (page.IsEnd)
                    {
                        break;
                    }
                }

                Assert.Equal(output, text.ToString());
            }

            Assert.Equal(output.Substring(70_000, 50), store.ReadOutput(1, 70_000, 50)!.Text);
            var past = store.ReadOutput(1, output.Length + 10, 50)!;
            Assert.Equal("", past.Text);
            Assert.Equal(output.Length, past.Offset);
        }
    }

    [Fact]
    public void The_tail_is_the_last_lines_counting_a_final_unterminated_line()
    {
        var big = new string('y', RunWriter.MaxOutputChunkChars * 2) + "\n";
        var (temp, output) = Record(Lines(0, 100), big, Lines(100, 3));
        using (temp)
        using (var store = RunStore.Open(temp.Directory))
        {
            var tail = store.ReadOutputTail(1, 2)!;
            Assert.Equal("line 101\nline 102\n", tail.Text);
            Assert.Equal(output.Length - tail.Text.Length, tail.Offset);
            Assert.Equal(big + Lines(100, 3), store.ReadOutputTail(1, 4)!.Text);
            Assert.Equal(output, store.ReadOutputTail(1, 10_000)!.Text);
            Assert.Equal("", store.ReadOutputTail(1, 0)!.Text);
        }

        var (temp2, _) = Record("a\nb\n", "c");
        using (temp2)
        using (var store = RunStore.Open(temp2.Directory))
        {
            Assert.Equal("b\nc", store.ReadOutputTail(1, 2)!.Text);
            Assert.Equal("c", store.ReadOutputTail(1, 1)!.Text);
        }
    }

    [Fact]
    public void A_surrogate_pair_on_a_chunk_boundary_is_never_split()
    {
        var text = new string('a', RunWriter.MaxOutputChunkChars - 1) + "😀" + "tail\n";
        var (temp, output) = Record(text);
        using (temp)
        using (var store = RunStore.Open(temp.Directory))
        {
            Assert.Equal(output, store.ReadOutput(1, 0, int.MaxValue)!.Text);
            var page = store.ReadOutput(1, 0, RunWriter.MaxOutputChunkChars)!;
            Assert.Equal(RunWriter.MaxOutputChunkChars - 1, page.Text.Length);
            Assert.Equal(output[page.Text.Length..], store.ReadOutput(1, page.NextOffset, int.MaxValue)!.Text);
        }
    }

    [Fact]
    public void Output_of_an_unknown_run_is_null_and_of_a_silent_run_empty()
    {
        var (temp, _) = Record();
        using (temp)
        using (var store = RunStore.Open(temp.Directory))
        {
            Assert.Null(store.ReadOutput(2, 0, 10));
            Assert.Null(store.ReadOutputTail(2, 10));
            Assert.Equal(new OutputPage(0, "", 0), store.ReadOutput(1, 0, 10));
            Assert.Equal(new OutputPage(0, "", 0), store.ReadOutputTail(1, 10));
        }
    }
}
