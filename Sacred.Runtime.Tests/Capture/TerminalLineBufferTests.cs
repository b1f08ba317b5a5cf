using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sacred.Capture;
using Xunit;

namespace Sacred.Runtime.Tests.Capture;

public sealed class TerminalLineBufferTests
{
    [Theory]
    [InlineData("a\nb\n", "a\nb\n")]
    [InlineData("progress 10%\rprogress 50%\rprogress 100%\n", "progress 100%\n")]
    [InlineData("abcdef\rxy\n", "xycdef\n")]
    [InlineData("windows line\r\nnext\r\n", "windows line\nnext\n")]
    [InlineData("abc\b\bX\n", "aXc\n")]
    [InlineData("\b\bab\n", "ab\n")]
    [InlineData("a😀b\b\bc\n", "acb\n")]
    [InlineData("😀😀\rx\n", "x😀\n")]
    [InlineData("ab\rc😀d\n", "c😀d\n")]
    public void Applies_carriage_returns_and_backspaces_like_a_terminal(string written, string expected)
    {
        var buffer = new TerminalLineBuffer();

        buffer.Write(written);

        Assert.Equal(expected, buffer.TakeAll());
    }

    [Fact]
    public void Sacreds_documented_example_gives_progress_9()
    {
        var buffer = new TerminalLineBuffer();

        buffer.Write("progress 0");
        for (var digit = 1; digit <= 9; digit++)
        {
            buffer.Write("\b" + digit);
        }

        Assert.Equal("progress 9", buffer.TakeAll());
    }

    [Fact]
    public void A_line_is_handed_out_only_once_it_ends_and_never_again()
    {
        var buffer = new TerminalLineBuffer();

        buffer.Write("epoch 1\nloss 0.9");
        Assert.Equal("epoch 1\n", buffer.TakeCompletedLines());
        Assert.Equal(string.Empty, buffer.TakeCompletedLines());

        buffer.Write("\rloss 0.5");
        Assert.Equal(string.Empty, buffer.TakeCompletedLines());

        buffer.Write("\nepoch 2\nhalf");
        Assert.Equal("loss 0.5\nepoch 2\n", buffer.TakeCompletedLines());
        Assert.Equal("half", buffer.TakeAll());
        Assert.Equal(string.Empty, buffer.TakeAll());
    }

    [Fact]
    public void Matches_sacreds_apply_backspaces_and_linefeeds_on_random_text_written_in_random_pieces()
    {
        string[] alphabet = ["a", "b", "c", "é", "😀", "\r", "\b", "\n"];
        var random = new Random(20261128);
        for (var round = 0; round < 3000; round++)
        {
            var pieces = Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToList();
            var text = string.Concat(pieces);
            var buffer = new TerminalLineBuffer();
            var taken = new StringBuilder();
            var next = 0;
            while (next < pieces.Count)
            {
                var count = random.Next(1, 6);
                buffer.Write(string.Concat(pieces.Skip(next).Take(count)));
                next += count;
                if (random.Next(3) == 0)
                {
                    taken.Append(buffer.TakeCompletedLines());
                }
            }

            taken.Append(buffer.TakeAll());

            // Sacred keeps a final \r as a character so the next chunk can continue the line; a finished capture
            // has no next chunk, so it is dropped here.
            var expected = SacredApplyBackspacesAndLinefeeds(text);
            if (text.EndsWith('\r'))
            {
                expected = expected[..^1];
            }

            Assert.True(expected == taken.ToString(), $"input {Escape(text)}: expected {Escape(expected)}, got {Escape(taken.ToString())}");
        }
    }

    [Fact]
    public void A_very_long_line_is_kept_whole()
    {
        var buffer = new TerminalLineBuffer();
        var line = new string('x', 300_000);

        buffer.Write(line.AsSpan(0, 1000));
        buffer.Write(line.AsSpan(1000));
        buffer.Write("\nnext\n");

        Assert.Equal(line + "\nnext\n", buffer.TakeCompletedLines());
    }

    /// <summary>A line-for-line port of Sacred 0.8.7's <c>sacred.utils.apply_backspaces_and_linefeeds</c>, over
    /// code points as Python strings are.</summary>
    private static string SacredApplyBackspacesAndLinefeeds(string text)
    {
        var origLines = text.Split('\n');
        var newLines = new List<string>();
        for (var lineIndex = 0; lineIndex < origLines.Length; lineIndex++)
        {
            var origLine = origLines[lineIndex].EnumerateRunes().ToList();
            var chars = new List<Rune>();
            var cursor = 0;
            for (var charIndex = 0; charIndex < origLine.Count; charIndex++)
            {
                var origChar = origLine[charIndex];
                var isVeryLast = charIndex == origLine.Count - 1 && lineIndex == origLines.Length - 1;
                if (origChar.Value == '\r' && !isVeryLast)
                {
                    cursor = 0;
                }
                else if (origChar.Value == '\b')
                {
                    cursor = Math.Max(0, cursor - 1);
                }
                else
                {
                    if (origChar.Value == '\r' && isVeryLast)
                    {
                        cursor = chars.Count;
                    }

                    if (cursor == chars.Count)
                    {
                        chars.Add(origChar);
                    }
                    else
                    {
                        chars[cursor] = origChar;
                    }

                    cursor++;
                }
            }

            newLines.Add(string.Concat(chars.Select(rune => rune.ToString())));
        }

        return string.Join('\n', newLines);
    }

    private static string Escape(string text) =>
        "\"" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\b", "\\b", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
