namespace Sacred.Generator.Parsing.Json;

/// <summary>One <c>"name": value</c> member of a JSON object.</summary>
internal sealed class JsonProperty
{
    public JsonProperty(string name, int nameStart, int nameLength, JsonNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameLength = nameLength;
        Value = value;
    }

    /// <summary>The decoded property name (escapes resolved, no quotes).</summary>
    public string Name { get; }

    /// <summary>Offset of the key token's opening quote in the source text.</summary>
    public int NameStart { get; }

    /// <summary>Length of the key token, including both quotes and any escapes as written.</summary>
    public int NameLength { get; }

    public JsonNode Value { get; }

    public override string ToString() => "\"" + Name + "\": " + Value;
}
