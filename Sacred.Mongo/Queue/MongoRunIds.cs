using System;
using System.Globalization;
using MongoDB.Bson;
using Sacred.Mongo.Documents;

namespace Sacred.Mongo.Queue;

/// <summary>A run's <c>_id</c> as the runtime carries it (text) and back: Sacred's ids are integers, <c>-i</c> may give text.</summary>
internal static class MongoRunIds
{
    /// <summary>The id as text: an integer's digits, a string as is.</summary>
    public static string Format(BsonValue id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.IsNumeric ? id.ToInt64().ToString(CultureInfo.InvariantCulture) : id.IsString ? id.AsString : id.ToString()!;
    }

    /// <summary>The id from text: digits as an integer (as Sacred allocates them), other text as a string.</summary>
    public static BsonValue Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? BsonValues.Integer(number) : new BsonString(text);
    }
}
