using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MongoDB.Bson;

namespace Sacred.Mongo.Documents;

/// <summary>
/// The run document's <c>captured_out</c>, kept under MongoDB's 16 MB document limit. Up to
/// <see cref="TailChars"/> characters it is the whole output, as Sacred writes it. Beyond that the whole output
/// goes, in order, to documents of the <c>captured_out</c> collection (<c>run_id</c>, <c>seq</c>, <c>text</c>;
/// concatenated by <c>seq</c> they are the full output) and <c>captured_out</c> keeps a note and the tail, which is
/// what Omniboard shows.
/// </summary>
internal sealed class CapturedOutput
{
    /// <summary>The most characters <c>captured_out</c> holds (1 Mi chars, at most ~3 MB of UTF-8).</summary>
    public const int TailChars = 1 << 20;

    /// <summary>The most characters one document of the output collection holds.</summary>
    public const int PieceChars = 1 << 20;

    private readonly StringBuilder _text = new();
    private long _total;
    private int _nextSeq;
    private bool _split;

    /// <summary>All characters received so far.</summary>
    public long TotalChars => _total;

    /// <summary>The value of <c>captured_out</c> now.</summary>
    public string Value => _split
        ? string.Create(CultureInfo.InvariantCulture, $"[sacred: the output is {_total} characters long; this is its tail; all of it is in the captured_out collection]\n") + _text
        : _text.ToString();

    /// <summary>Adds new output; returns the documents that must be inserted into the output collection (none while it fits).</summary>
    /// <param name="text">The new text.</param>
    /// <param name="runId">The run's id.</param>
    public List<BsonDocument> Append(string text, BsonValue runId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<BsonDocument>();
        if (text.Length == 0)
        {
            return pieces;
        }

        _total += text.Length;
        if (!_split && _text.Length + text.Length <= TailChars)
        {
            _text.Append(text);
            return pieces;
        }

        if (!_split)
        {
            _split = true;
            Pieces(_text.ToString(), runId, pieces);
        }

        Pieces(text, runId, pieces);
        _text.Append(text);
        if (_text.Length > TailChars)
        {
            var cut = _text.Length - TailChars;
            var newline = _text.ToString(cut, Math.Min(TailChars, 4096)).IndexOf('\n', StringComparison.Ordinal);
            _text.Remove(0, newline >= 0 ? cut + newline + 1 : cut);
        }

        return pieces;
    }

    private void Pieces(string text, BsonValue runId, List<BsonDocument> pieces)
    {
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(PieceChars, text.Length - start);
            if (length < text.Length - start && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            pieces.Add(new BsonDocument
            {
                { "_id", ObjectId.GenerateNewId() },
                { "run_id", runId },
                { "seq", _nextSeq++ },
                { "text", text.Substring(start, length) },
            });
            start += length;
        }
    }
}
