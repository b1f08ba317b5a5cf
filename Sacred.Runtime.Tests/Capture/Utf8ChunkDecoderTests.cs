using System.Text;
using Sacred.Capture;
using Xunit;

namespace Sacred.Runtime.Tests.Capture;

public sealed class Utf8ChunkDecoderTests
{
    [Fact]
    public void A_character_split_between_chunks_is_decoded_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("é😀!");
        var decoder = new Utf8ChunkDecoder();
        var text = new StringBuilder();

        foreach (var single in bytes)
        {
            text.Append(decoder.Decode([single], final: false));
        }

        text.Append(decoder.Decode([], final: true));
        Assert.Equal("é😀!", text.ToString());
    }

    [Fact]
    public void Invalid_bytes_and_an_unfinished_character_at_the_end_become_replacement_characters()
    {
        var decoder = new Utf8ChunkDecoder();

        var middle = decoder.Decode([(byte)'a', 0xFF, (byte)'b', 0xE2, 0x82], final: false).ToString();
        var end = decoder.Decode([], final: true).ToString();

        Assert.Equal("a\uFFFDb", middle);
        Assert.Equal("\uFFFD", end);
    }
}
