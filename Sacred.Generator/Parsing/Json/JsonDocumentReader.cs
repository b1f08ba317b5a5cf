using System;
using System.Collections.Generic;
using System.Text;

namespace Sacred.Generator.Parsing.Json;

/// <summary>
/// A small, strict (RFC 8259), position-tracking JSON parser for analyzer/generator use, where
/// System.Text.Json cannot be loaded.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A leading UTF-8 BOM (U+FEFF at offset 0) is skipped; offsets still index the original text.</item>
/// <item><c>//</c> line comments and <c>/* */</c> block comments are allowed between tokens by default
/// (<see cref="Parse(string, bool)"/> with <c>allowComments: false</c> rejects them).</item>
/// <item>Trailing commas, single quotes, unquoted keys, NaN/Infinity, leading '+', leading zeros,
/// raw control characters in strings and unpaired \u surrogate escapes are errors.</item>
/// <item>Duplicate keys in one object are an error at the second key.</item>
/// <item>Containers may nest at most <see cref="MaxDepth"/> deep.</item>
/// <item>Parsing stops at the first error. It never throws.</item>
/// </list>
/// </remarks>
internal static class JsonDocumentReader
{
    /// <summary>The deepest allowed nesting of arrays and objects.</summary>
    public const int MaxDepth = 256;

    internal const string UnexpectedEndOfFile = "unexpected end of file";
    internal const string ExpectedValue = "expected a JSON value";
    internal const string ExpectedFirstPropertyName = "expected a double-quoted property name or '}'";
    internal const string ExpectedPropertyName = "expected a double-quoted property name";
    internal const string ExpectedColon = "expected ':' after a property name";
    internal const string ExpectedCommaOrBrace = "expected ',' or '}' after a property value";
    internal const string ExpectedCommaOrBracket = "expected ',' or ']' after an array element";
    internal const string TrailingComma = "trailing comma is not allowed";
    internal const string UnterminatedString = "unterminated string";
    internal const string InvalidEscape = "invalid escape";
    internal const string ControlCharacterInString = "invalid control character in string";
    internal const string InvalidNumber = "invalid number";
    internal const string TrailingCharacters = "trailing characters after the JSON value";
    internal const string UnterminatedComment = "unterminated comment";
    internal const string CommentsNotAllowed = "comments are not allowed";
    internal static readonly string MaxDepthExceeded = "maximum nesting depth of " + MaxDepth + " exceeded";

    private const int MaxQuotedLength = 40;

    /// <summary>Parses <paramref name="text"/>, allowing comments.</summary>
    public static JsonParseResult Parse(string text) => Parse(text, allowComments: true);

    /// <summary>Parses <paramref name="text"/>; a null text is treated as empty.</summary>
    public static JsonParseResult Parse(string text, bool allowComments)
    {
        text ??= string.Empty;
        var parser = new Parser(text, allowComments);
        return parser.ParseDocument();
    }

    internal static string DuplicateKey(string name) => "duplicate key '" + Shorten(name) + "'";

    internal static string InvalidLiteral(string word) => "invalid literal '" + Shorten(word) + "'";

    private static string Shorten(string s) =>
        s.Length <= MaxQuotedLength ? s : s.Substring(0, MaxQuotedLength) + "...";

    private sealed class Parser
    {
        private readonly string _text;
        private readonly bool _allowComments;
        private int _pos;
        private string? _error;
        private int _errorOffset;
        private StringBuilder? _builder;

        public Parser(string text, bool allowComments)
        {
            _text = text;
            _allowComments = allowComments;
        }

        public JsonParseResult ParseDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            JsonNode? root = ParseValue(0);
            if (root is not null && SkipTrivia() && _pos < _text.Length)
            {
                Fail(TrailingCharacters, _pos);
            }

            return _error is null && root is not null
                ? JsonParseResult.Success(root)
                : JsonParseResult.Failure(_text, _error ?? UnexpectedEndOfFile, _error is null ? _text.Length : _errorOffset);
        }

        private JsonNode? Fail(string message, int offset)
        {
            if (_error is null)
            {
                _error = message;
                _errorOffset = offset;
            }

            return null;
        }

        /// <summary>Skips whitespace and comments. False (with the error recorded) on a bad comment.</summary>
        private bool SkipTrivia()
        {
            string text = _text;
            while (_pos < text.Length)
            {
                char c = text[_pos];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                {
                    _pos++;
                    continue;
                }

                if (c != '/' || _pos + 1 >= text.Length || (text[_pos + 1] != '/' && text[_pos + 1] != '*'))
                {
                    return true;
                }

                if (!_allowComments)
                {
                    Fail(CommentsNotAllowed, _pos);
                    return false;
                }

                if (text[_pos + 1] == '/')
                {
                    _pos += 2;
                    while (_pos < text.Length && text[_pos] != '\n' && text[_pos] != '\r')
                    {
                        _pos++;
                    }
                }
                else
                {
                    int end = text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        Fail(UnterminatedComment, _pos);
                        return false;
                    }

                    _pos = end + 2;
                }
            }

            return true;
        }

        private JsonNode? ParseValue(int depth)
        {
            if (!SkipTrivia())
            {
                return null;
            }

            if (_pos >= _text.Length)
            {
                return Fail(UnexpectedEndOfFile, _text.Length);
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject(depth + 1);
                case '[':
                    return ParseArray(depth + 1);
                case '"':
                    {
                        int start = _pos;
                        string? value = ReadString();
                        return value is null ? null : JsonNode.CreateString(value, start, _pos - start);
                    }

                case '-':
                    return ParseNumber();
                default:
                    if (c >= '0' && c <= '9')
                    {
                        return ParseNumber();
                    }

                    if (char.IsLetter(c) || c == '_')
                    {
                        return ParseLiteral();
                    }

                    return Fail(ExpectedValue, _pos);
            }
        }

        private JsonNode? ParseObject(int depth)
        {
            int start = _pos;
            if (depth > MaxDepth)
            {
                return Fail(MaxDepthExceeded, start);
            }

            _pos++; // '{'
            var properties = new List<JsonProperty>();
            HashSet<string>? names = null;
            if (!SkipTrivia())
            {
                return null;
            }

            if (_pos < _text.Length && _text[_pos] == '}')
            {
                _pos++;
                return JsonNode.CreateObject(properties.ToArray(), start, _pos - start);
            }

            while (true)
            {
                if (_pos >= _text.Length)
                {
                    return Fail(UnexpectedEndOfFile, _text.Length);
                }

                if (_text[_pos] != '"')
                {
                    return Fail(properties.Count == 0 ? ExpectedFirstPropertyName : ExpectedPropertyName, _pos);
                }

                int nameStart = _pos;
                string? name = ReadString();
                if (name is null)
                {
                    return null;
                }

                int nameLength = _pos - nameStart;
                names ??= new HashSet<string>(StringComparer.Ordinal);
                if (!names.Add(name))
                {
                    return Fail(DuplicateKey(name), nameStart);
                }

                if (!SkipTrivia())
                {
                    return null;
                }

                if (_pos >= _text.Length)
                {
                    return Fail(UnexpectedEndOfFile, _text.Length);
                }

                if (_text[_pos] != ':')
                {
                    return Fail(ExpectedColon, _pos);
                }

                _pos++;
                JsonNode? value = ParseValue(depth);
                if (value is null)
                {
                    return null;
                }

                properties.Add(new JsonProperty(name, nameStart, nameLength, value));

                if (!SkipTrivia())
                {
                    return null;
                }

                if (_pos >= _text.Length)
                {
                    return Fail(UnexpectedEndOfFile, _text.Length);
                }

                char c = _text[_pos];
                if (c == '}')
                {
                    _pos++;
                    return JsonNode.CreateObject(properties.ToArray(), start, _pos - start);
                }

                if (c != ',')
                {
                    return Fail(ExpectedCommaOrBrace, _pos);
                }

                int comma = _pos;
                _pos++;
                if (!SkipTrivia())
                {
                    return null;
                }

                if (_pos < _text.Length && _text[_pos] == '}')
                {
                    return Fail(TrailingComma, comma);
                }
            }
        }

        private JsonNode? ParseArray(int depth)
        {
            int start = _pos;
            if (depth > MaxDepth)
            {
                return Fail(MaxDepthExceeded, start);
            }

            _pos++; // '['
            var items = new List<JsonNode>();
            if (!SkipTrivia())
            {
                return null;
            }

            if (_pos < _text.Length && _text[_pos] == ']')
            {
                _pos++;
                return JsonNode.CreateArray(items.ToArray(), start, _pos - start);
            }

            while (true)
            {
                JsonNode? item = ParseValue(depth);
                if (item is null)
                {
                    return null;
                }

                items.Add(item);

                if (!SkipTrivia())
                {
                    return null;
                }

                if (_pos >= _text.Length)
                {
                    return Fail(UnexpectedEndOfFile, _text.Length);
                }

                char c = _text[_pos];
                if (c == ']')
                {
                    _pos++;
                    return JsonNode.CreateArray(items.ToArray(), start, _pos - start);
                }

                if (c != ',')
                {
                    return Fail(ExpectedCommaOrBracket, _pos);
                }

                int comma = _pos;
                _pos++;
                if (!SkipTrivia())
                {
                    return null;
                }

                if (_pos < _text.Length && _text[_pos] == ']')
                {
                    return Fail(TrailingComma, comma);
                }
            }
        }

        /// <summary>Reads a string token starting at the opening quote; returns the decoded value or null on error.</summary>
        private string? ReadString()
        {
            string text = _text;
            int start = _pos;
            int segment = start + 1;
            int i = segment;
            StringBuilder? sb = null;

            while (true)
            {
                if (i >= text.Length)
                {
                    Fail(UnterminatedString, start);
                    return null;
                }

                char c = text[i];
                if (c == '"')
                {
                    string result;
                    if (sb is null)
                    {
                        result = text.Substring(segment, i - segment);
                    }
                    else
                    {
                        sb.Append(text, segment, i - segment);
                        result = sb.ToString();
                    }

                    _pos = i + 1;
                    return result;
                }

                if (c == '\\')
                {
                    if (sb is null)
                    {
                        sb = _builder ??= new StringBuilder();
                        sb.Clear();
                    }

                    sb.Append(text, segment, i - segment);
                    int escape = i;
                    if (i + 1 >= text.Length)
                    {
                        Fail(UnterminatedString, start);
                        return null;
                    }

                    char e = text[i + 1];
                    i += 2;
                    switch (e)
                    {
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case '/': sb.Append('/'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                            {
                                int unit = ReadHex4(i);
                                if (unit < 0)
                                {
                                    Fail(InvalidEscape, escape);
                                    return null;
                                }

                                i += 4;
                                if (unit >= 0xD800 && unit <= 0xDBFF)
                                {
                                    // A high surrogate must be followed by a \u-escaped low surrogate.
                                    int low = i + 1 < text.Length && text[i] == '\\' && text[i + 1] == 'u'
                                        ? ReadHex4(i + 2)
                                        : -1;
                                    if (low < 0xDC00 || low > 0xDFFF)
                                    {
                                        Fail(InvalidEscape, escape);
                                        return null;
                                    }

                                    sb.Append((char)unit);
                                    sb.Append((char)low);
                                    i += 6;
                                }
                                else if (unit >= 0xDC00 && unit <= 0xDFFF)
                                {
                                    Fail(InvalidEscape, escape);
                                    return null;
                                }
                                else
                                {
                                    sb.Append((char)unit);
                                }

                                break;
                            }

                        default:
                            Fail(InvalidEscape, escape);
                            return null;
                    }

                    segment = i;
                    continue;
                }

                if (c < ' ')
                {
                    Fail(c == '\n' || c == '\r' ? UnterminatedString : ControlCharacterInString, c == '\n' || c == '\r' ? start : i);
                    return null;
                }

                i++;
            }
        }

        /// <summary>The value of four hex digits at <paramref name="at"/>, or -1.</summary>
        private int ReadHex4(int at)
        {
            if (at < 0 || at + 4 > _text.Length)
            {
                return -1;
            }

            int value = 0;
            for (int k = 0; k < 4; k++)
            {
                char h = _text[at + k];
                int digit = h >= '0' && h <= '9' ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                    : -1;
                if (digit < 0)
                {
                    return -1;
                }

                value = (value << 4) | digit;
            }

            return value;
        }

        private JsonNode? ParseNumber()
        {
            string text = _text;
            int start = _pos;
            int i = start;
            if (text[i] == '-')
            {
                i++;
            }

            if (i >= text.Length || !IsDigit(text[i]))
            {
                return Fail(InvalidNumber, start);
            }

            if (text[i] == '0')
            {
                i++;
            }
            else
            {
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }

            if (i < text.Length && text[i] == '.')
            {
                i++;
                if (i >= text.Length || !IsDigit(text[i]))
                {
                    return Fail(InvalidNumber, start);
                }

                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }

            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < text.Length && (text[i] == '+' || text[i] == '-'))
                {
                    i++;
                }

                if (i >= text.Length || !IsDigit(text[i]))
                {
                    return Fail(InvalidNumber, start);
                }

                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }

            // Reject run-ons such as 01, 1.2.3, 1e5e5, 12abc, 1-2.
            if (i < text.Length)
            {
                char next = text[i];
                if (IsDigit(next) || next == '.' || next == '+' || next == '-' || next == '_' || char.IsLetter(next))
                {
                    return Fail(InvalidNumber, start);
                }
            }

            _pos = i;
            return JsonNode.CreateNumber(text.Substring(start, i - start), start, i - start);
        }

        private JsonNode? ParseLiteral()
        {
            string text = _text;
            int start = _pos;
            int i = start;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            int length = i - start;
            JsonKind? kind =
                Matches(start, length, "true") ? JsonKind.True
                : Matches(start, length, "false") ? JsonKind.False
                : Matches(start, length, "null") ? JsonKind.Null
                : null;
            if (kind is null)
            {
                return Fail(InvalidLiteral(text.Substring(start, length)), start);
            }

            _pos = i;
            return JsonNode.CreateLiteral(kind.Value, start, length);
        }

        private bool Matches(int start, int length, string word) =>
            length == word.Length && string.CompareOrdinal(_text, start, word, 0, length) == 0;

        private static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
