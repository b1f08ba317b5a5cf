using System.Diagnostics.CodeAnalysis;

namespace Sacred.Generator.Parsing.Json;

/// <summary>
/// The outcome of <see cref="JsonDocumentReader.Parse(string)"/>: either a root value or the first error.
/// </summary>
internal sealed class JsonParseResult
{
    private JsonParseResult(JsonNode? root, string? error, int errorOffset, int errorLine, int errorColumn)
    {
        Root = root;
        Error = error;
        ErrorOffset = errorOffset;
        ErrorLine = errorLine;
        ErrorColumn = errorColumn;
    }

    /// <summary>The parsed document; null when <see cref="Error"/> is set.</summary>
    public JsonNode? Root { get; }

    /// <summary>The message of the first error, or null on success.</summary>
    public string? Error { get; }

    /// <summary>Character offset of the error in the text (-1 on success).</summary>
    public int ErrorOffset { get; }

    /// <summary>0-based line of <see cref="ErrorOffset"/> (-1 on success).</summary>
    public int ErrorLine { get; }

    /// <summary>0-based column (in UTF-16 chars) of <see cref="ErrorOffset"/> (-1 on success).</summary>
    public int ErrorColumn { get; }

    [MemberNotNullWhen(true, nameof(Root))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Root is not null;

    internal static JsonParseResult Success(JsonNode root) => new(root, null, -1, -1, -1);

    internal static JsonParseResult Failure(string text, string error, int offset)
    {
        (int line, int column) = TextPositions.GetLinePosition(text, offset);
        return new JsonParseResult(null, error, offset, line, column);
    }

    public override string ToString() =>
        Error is null ? "OK " + Root : "(" + ErrorLine + "," + ErrorColumn + "): " + Error;
}
