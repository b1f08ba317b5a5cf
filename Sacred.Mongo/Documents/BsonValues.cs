using System;
using MongoDB.Bson;

namespace Sacred.Mongo.Documents;

/// <summary>
/// Turns the runtime's neutral trees into BSON the way pymongo encodes Sacred's Python values: an integer that fits
/// is an <c>int32</c> (else <c>int64</c>), a float a <c>double</c>, a time a UTC <c>date</c> (millisecond precision),
/// lists arrays and objects embedded documents. Built by hand, never through class maps, so it runs under Native AOT.
/// </summary>
internal static class BsonValues
{
    /// <summary>The BSON value of a tree.</summary>
    public static BsonValue From(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node.Kind)
        {
            case ConfigNodeKind.Null:
                return BsonNull.Value;
            case ConfigNodeKind.Bool:
                return (BsonBoolean)node.BoolValue;
            case ConfigNodeKind.Integer:
                return Integer(node.IntegerValue);
            case ConfigNodeKind.Float:
                return new BsonDouble(node.FloatValue);
            case ConfigNodeKind.String:
                return new BsonString(node.StringValue);
            case ConfigNodeKind.Timestamp:
                return Date(node.TimestampValue);
            case ConfigNodeKind.List:
                var array = new BsonArray(node.Items.Count);
                foreach (var item in node.Items)
                {
                    array.Add(From(item));
                }

                return array;
            case ConfigNodeKind.Object:
                return Document(node);
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.Kind, "Unknown node kind.");
        }
    }

    /// <summary>An object tree as a document (any other tree is wrapped in none: it must be an object).</summary>
    public static BsonDocument Document(ConfigNode node)
    {
        var document = new BsonDocument();
        foreach (var (key, value) in node.Members)
        {
            document.Add(key, From(value));
        }

        return document;
    }

    /// <summary>An integer as pymongo writes a Python int: <c>int32</c> when it fits.</summary>
    public static BsonValue Integer(long value) =>
        value is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)value) : new BsonInt64(value);

    /// <summary>A UTC time with millisecond precision, as BSON dates hold it.</summary>
    public static BsonDateTime Date(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    /// <summary>A BSON value back as a tree (dates become timestamps, object ids their hex text).</summary>
    public static ConfigNode ToNode(BsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.BsonType)
        {
            case BsonType.Null:
            case BsonType.Undefined:
                return ConfigNode.Null;
            case BsonType.Boolean:
                return ConfigNode.From(value.AsBoolean);
            case BsonType.Int32:
                return ConfigNode.From(value.AsInt32);
            case BsonType.Int64:
                return ConfigNode.From(value.AsInt64);
            case BsonType.Double:
                return ConfigNode.From(value.AsDouble);
            case BsonType.String:
                return ConfigNode.From(value.AsString);
            case BsonType.DateTime:
                return ConfigNode.FromTimestamp(value.ToUniversalTime());
            case BsonType.ObjectId:
                return ConfigNode.From(value.AsObjectId.ToString());
            case BsonType.Array:
                return ConfigNode.FromList(value.AsBsonArray, ToNode);
            case BsonType.Document:
                var builder = new Sacred.Generated.ConfigObjectBuilder();
                foreach (var element in value.AsBsonDocument)
                {
                    builder.Add(element.Name, ToNode(element.Value));
                }

                return builder.Build();
            default:
                return ConfigNode.From(value.ToString());
        }
    }
}
