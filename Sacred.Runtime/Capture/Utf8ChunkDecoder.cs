using System;
using System.Text;

namespace Sacred.Capture;

/// <summary>
/// Decodes UTF-8 that arrives in arbitrary chunks: a character split between two chunks is decoded whole, and
/// invalid bytes become U+FFFD. Not thread-safe; one per byte stream.
/// </summary>
internal sealed class Utf8ChunkDecoder
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Decoder _decoder = Utf8.GetDecoder();
    private char[] _chars = [];

    /// <summary>The characters <paramref name="bytes"/> completes; valid until the next call.</summary>
    /// <param name="bytes">The next chunk.</param>
    /// <param name="final">True for the last chunk: an unfinished character at its end becomes U+FFFD.</param>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes, bool final)
    {
        var most = Utf8.GetMaxCharCount(bytes.Length);
        if (_chars.Length < most)
        {
            _chars = new char[most];
        }

        var count = _decoder.GetChars(bytes, _chars, final);
        return _chars.AsSpan(0, count);
    }
}
