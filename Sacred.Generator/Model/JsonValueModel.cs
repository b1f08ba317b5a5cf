namespace Sacred.Generator.Model;

/// <summary>The JSON value kinds a config file holds.</summary>
internal enum JsonValueKind
{
    Null,
    True,
    False,
    Number,
    String,
    Array,
    Object,
}

/// <summary>A parsed JSON value with its location in the file, equatable so pipeline steps cache.</summary>
/// <param name="Kind">The value kind.</param>
/// <param name="Text">The decoded string, or the raw number token.</param>
/// <param name="IsInteger">For numbers: no fraction and no exponent.</param>
/// <param name="Items">Array items.</param>
/// <param name="Properties">Object members in document order.</param>
/// <param name="Location">Where the value is written.</param>
internal sealed record JsonValueModel(
    JsonValueKind Kind,
    string? Text,
    bool IsInteger,
    EquatableArray<JsonValueModel> Items,
    EquatableArray<JsonPropertyModel> Properties,
    LocationInfo Location);

/// <summary>A JSON object member: its name, where the name is written, and its value.</summary>
internal sealed record JsonPropertyModel(string Name, LocationInfo NameLocation, JsonValueModel Value);

/// <summary>A JSON additional file: its path and either its parsed root or the syntax error.</summary>
internal sealed record JsonFileModel(string Path, JsonValueModel? Root, string? Error, LocationInfo? ErrorLocation);
