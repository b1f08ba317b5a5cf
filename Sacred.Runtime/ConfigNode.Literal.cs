using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sacred;

public sealed partial class ConfigNode
{
    /// <summary>
    /// Returns the one-line literal form used by <c>print_config</c> and in log lines: <c>0.001</c>,
    /// <c>"adam"</c>, <c>true</c>, <c>null</c>, <c>[1, 2]</c>, <c>{"a": 1}</c>, <c>{}</c>; a timestamp as quoted ISO 8601 text.
    /// </summary>
    /// <returns>The literal text.</returns>
    public string ToLiteral()
    {
        var builder = new StringBuilder();
        AppendLiteral(builder);
        return builder.ToString();
    }

    internal static string QuoteString(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";

    private void AppendLiteral(StringBuilder builder)
    {
        switch (Kind)
        {
            case ConfigNodeKind.Null:
                builder.Append("null");
                break;
            case ConfigNodeKind.Bool:
                builder.Append(_bool ? "true" : "false");
                break;
            case ConfigNodeKind.Integer:
                builder.Append(_integer);
                break;
            case ConfigNodeKind.Float:
                builder.Append(FloatText());
                break;
            case ConfigNodeKind.String:
                builder.Append(QuoteString(_string!));
                break;
            case ConfigNodeKind.Timestamp:
                builder.Append(QuoteString(TimestampText()));
                break;
            case ConfigNodeKind.List:
                builder.Append('[');
                for (var i = 0; i < _items!.Length; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    _items[i].AppendLiteral(builder);
                }

                builder.Append(']');
                break;
            default:
                builder.Append('{');
                for (var i = 0; i < _members!.Length; i++)
                {
                    builder.Append(i == 0 ? "" : ", ").Append(QuoteString(_members[i].Key)).Append(": ");
                    _members[i].Value.AppendLiteral(builder);
                }

                builder.Append('}');
                break;
        }
    }
}
