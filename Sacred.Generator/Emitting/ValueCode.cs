using System.Collections.Generic;
using System.Linq;
using Sacred.Generator.Model;

namespace Sacred.Generator.Emitting;

/// <summary>Per-type code snippets: how to parse text into a value and how to turn a value into a config node.</summary>
internal sealed class ValueCode
{
    private const string Parsers = RuntimeNames.ValueParsers;
    private const string Node = RuntimeNames.ConfigNode;

    private readonly List<TypeModel> _enums = new();
    private readonly List<ConfigTypeModel> _records = new();
    private readonly List<ConfigTypeModel> _readers = new();

    public IReadOnlyList<TypeModel> Enums => _enums;

    public IReadOnlyList<ConfigTypeModel> Records => _records;

    /// <summary>Records read from JSON as list elements; reading one may ask for more.</summary>
    public IReadOnlyList<ConfigTypeModel> Readers => _readers;

    /// <summary>True once code calls the generated <c>__SacredParseJsonList&lt;T&gt;</c>.</summary>
    public bool UsesJsonList { get; private set; }

    /// <summary>True once code calls the generated <c>__SacredParseJsonArray&lt;T&gt;</c>.</summary>
    public bool UsesJsonArray { get; private set; }

    /// <summary>True once code calls the generated <c>__SacredParse&lt;T&gt;</c>.</summary>
    public bool UsesParse { get; private set; }

    /// <summary>True once code calls the generated <c>__SacredParseUri</c>.</summary>
    public bool UsesUri { get; private set; }

    /// <summary>True once code calls the generated <c>__SacredFormat&lt;T&gt;</c>.</summary>
    public bool UsesFormat { get; private set; }

    /// <summary>True once code calls the generated <c>__SacredNumberNode</c>.</summary>
    public bool UsesNumberNode { get; private set; }

    /// <summary>The type as written in a declaration, nullable marker included.</summary>
    public static string TypeSyntax(TypeModel type) => type.FullName + (type.IsNullable ? "?" : string.Empty);

    /// <summary>A <c>ValueParser&lt;T&gt;</c> method group for a scalar type.</summary>
    public string ParserFor(TypeModel type) => type.Kind switch
    {
        ValueKind.Boolean => Parsers + ".TryParseBoolean",
        ValueKind.Int32 => Parsers + ".TryParseInt32",
        ValueKind.Int64 => Parsers + ".TryParseInt64",
        ValueKind.Single => Parsers + ".TryParseSingle",
        ValueKind.Double => Parsers + ".TryParseDouble",
        ValueKind.Decimal => Parsers + ".TryParseDecimal",
        ValueKind.String => Parsers + ".TryParseString",
        ValueKind.TimeSpan => Parsers + ".TryParseTimeSpan",
        ValueKind.DateTime => Parsers + ".TryParseDateTime",
        ValueKind.Enum => "__SacredParseEnum" + EnumIndex(type),
        ValueKind.Uri => UriParser(),
        ValueKind.Parsable or ValueKind.ParsableNumber => SelfParser(type),
        _ => throw new System.InvalidOperationException("no scalar parser for " + type.Display),
    };

    /// <summary>A statement that parses <c>value</c> into <paramref name="target"/> or returns InvalidValue.</summary>
    public string ParseInto(TypeModel type, string target) =>
        "if (!" + ParseCall(type, "value", target) + ") return " + RuntimeNames.UpdateStatus + ".InvalidValue;";

    /// <summary>A call parsing the text <paramref name="input"/> into a new variable <paramref name="target"/>, true when valid.</summary>
    public string ParseCall(TypeModel type, string input, string target)
    {
        if (type.IsSequence && type.Element!.Kind == ValueKind.Record)
        {
            var reader = "__SacredReadRecord" + ReaderIndex(type.Element.Record!);
            if (type.Kind == ValueKind.Array)
            {
                UsesJsonArray = true;
            }

            UsesJsonList = true;
            return (type.Kind == ValueKind.Array ? "__SacredParseJsonArray<" : "__SacredParseJsonList<") + type.Element.FullName + ">(" + input + ", " + reader + ", out var " + target + ")";
        }

        return type.Kind switch
        {
            ValueKind.List or ValueKind.IList or ValueKind.IReadOnlyList => Parsers + ".TryParseList<" + type.Element!.FullName + ">(" + input + ", " + ParserFor(type.Element!) + ", out var " + target + ")",
            ValueKind.Array => Parsers + ".TryParseArray<" + type.Element!.FullName + ">(" + input + ", " + ParserFor(type.Element!) + ", out var " + target + ")",
            _ => ParserFor(type) + "(" + input + ", out var " + target + ")",
        };
    }

    /// <summary>The index of the JSON reader of <paramref name="record"/>, a list element: <c>__SacredReadRecord{i}</c>.</summary>
    public int ReaderIndex(ConfigTypeModel record)
    {
        var index = _readers.FindIndex(r => r.FullName == record.FullName);
        if (index >= 0)
        {
            return index;
        }

        _readers.Add(record);
        return _readers.Count - 1;
    }

    /// <summary>An expression turning <paramref name="value"/> of <paramref name="type"/> into a config node.</summary>
    public string ToNode(TypeModel type, string value)
    {
        if (type.IsNullable && type.IsValueType)
        {
            return "(" + value + ".HasValue ? " + NonNull(type, value + ".Value") + " : " + Node + ".Null)";
        }

        if (type.IsNullable && type.Kind is not ValueKind.String)
        {
            return "(" + value + " is null ? " + Node + ".Null : " + NonNull(type, value) + ")";
        }

        return NonNull(type, value);
    }

    private string NonNull(TypeModel type, string value) => type.Kind switch
    {
        ValueKind.Enum => Node + ".From(__SacredEnumName" + EnumIndex(type) + "(" + value + "))",
        ValueKind.List or ValueKind.IList or ValueKind.IReadOnlyList or ValueKind.Array => Node + ".FromList(" + value + ", static __e => " + ToNode(type.Element!, "__e") + ")",
        ValueKind.Record => "__SacredNode" + RecordIndex(type.Record!) + "(" + value + ")",
        ValueKind.Uri => Node + ".From(" + value + ".OriginalString)",
        ValueKind.Parsable => Node + ".From(" + Format(type, value) + ")",
        ValueKind.ParsableNumber => NumberNode(Format(type, value)),
        _ => Node + ".From(" + value + ")",
    };

    /// <summary>Dates and times are stored in ISO 8601 (<c>O</c>), as DateTime is; other types in their general format.</summary>
    private static string? FormatOf(TypeModel type) =>
        type.FullName is "global::System.DateOnly" or "global::System.TimeOnly" or "global::System.DateTimeOffset" ? "O" : null;

    private string UriParser()
    {
        UsesUri = true;
        return "__SacredParseUri";
    }

    private string SelfParser(TypeModel type)
    {
        UsesParse = true;
        return "__SacredParse<" + type.FullName + ">";
    }

    private string Format(TypeModel type, string value)
    {
        UsesFormat = true;
        return "__SacredFormat(" + value + ", " + CSharp.Literal(FormatOf(type)) + ")";
    }

    private string NumberNode(string text)
    {
        UsesNumberNode = true;
        return "__SacredNumberNode(" + text + ")";
    }

    public int RecordIndex(ConfigTypeModel record)
    {
        var index = _records.FindIndex(r => r.FullName == record.FullName);
        if (index >= 0)
        {
            return index;
        }

        _records.Add(record);
        return _records.Count - 1;
    }

    private int EnumIndex(TypeModel type)
    {
        var index = _enums.FindIndex(e => e.FullName == type.FullName);
        if (index >= 0)
        {
            return index;
        }

        _enums.Add(type with { IsNullable = false });
        return _enums.Count - 1;
    }

    /// <summary>Every key of <paramref name="type"/>, recursively: (dotted key, member path, member, derived).</summary>
    public static IEnumerable<(string Key, IReadOnlyList<string> Path, ConfigMemberModel Member, bool Derived)> Leaves(ConfigTypeModel type, string prefix = "", IReadOnlyList<string>? path = null, bool derived = false)
    {
        path ??= new List<string>();
        foreach (var member in type.Members)
        {
            var memberPath = path.Concat(new[] { member.PropertyName }).ToList();
            var isDerived = derived || member.IsDerived;
            if (member.Type.Kind == ValueKind.Record)
            {
                foreach (var leaf in Leaves(member.Type.Record!, prefix + member.Key + ".", memberPath, isDerived))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (prefix + member.Key, memberPath, member, isDerived);
            }
        }
    }
}
