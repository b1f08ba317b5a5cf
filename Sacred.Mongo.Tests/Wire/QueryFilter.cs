using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>
/// MongoDB's query language, as far as our code uses it: equality on (dotted) fields, an array field matching any of
/// its elements, <c>$eq</c>, <c>$ne</c>, <c>$lt</c>, <c>$lte</c>, <c>$gt</c>, <c>$gte</c>, <c>$in</c>,
/// <c>$exists</c>, <c>$type</c> (<c>number</c>, <c>string</c>, ...), regular expressions, <c>$and</c> and <c>$or</c>.
/// Any other operator is refused by name.
/// </summary>
internal static class QueryFilter
{
    private static readonly Dictionary<string, Func<BsonValue, bool>> s_types = new(StringComparer.Ordinal)
    {
        ["number"] = v => v.IsNumeric,
        ["string"] = v => v.IsString,
        ["date"] = v => v.IsValidDateTime,
        ["objectId"] = v => v.IsObjectId,
        ["bool"] = v => v.IsBoolean,
        ["null"] = v => v.IsBsonNull,
        ["object"] = v => v.IsBsonDocument,
        ["array"] = v => v.IsBsonArray,
        ["int"] = v => v.IsInt32,
        ["long"] = v => v.IsInt64,
        ["double"] = v => v.IsDouble,
    };

    /// <summary>Whether <paramref name="document"/> matches <paramref name="filter"/>.</summary>
    public static bool Matches(BsonDocument document, BsonDocument filter)
    {
        foreach (var element in filter)
        {
            var matched = element.Name switch
            {
                "$and" => element.Value.AsBsonArray.All(f => Matches(document, f.AsBsonDocument)),
                "$or" => element.Value.AsBsonArray.Any(f => Matches(document, f.AsBsonDocument)),
                _ when element.Name.StartsWith('$') => throw Unsupported(element.Name),
                _ => FieldMatches(DocumentPath.Values(document, element.Name), element.Value),
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two values are equal as MongoDB sees them (1 equals 1L and 1.0).</summary>
    public static bool AreEqual(BsonValue a, BsonValue b) =>
        a.IsNumeric && b.IsNumeric ? a.CompareTo(b) == 0 : a.Equals(b);

    private static bool FieldMatches(IReadOnlyList<BsonValue> values, BsonValue condition)
    {
        if (condition is BsonDocument operators && operators.ElementCount > 0 && operators.GetElement(0).Name.StartsWith('$'))
        {
            return operators.All(o => OperatorMatches(values, o.Name, o.Value));
        }

        if (condition is BsonRegularExpression regex)
        {
            var pattern = new Regex(regex.Pattern, regex.ToRegex().Options);
            return Candidates(values).Any(v => v.IsString && pattern.IsMatch(v.AsString));
        }

        return condition.IsBsonNull ? values.Count == 0 || Candidates(values).Any(v => v.IsBsonNull) : Candidates(values).Any(v => AreEqual(v, condition));
    }

    private static bool OperatorMatches(IReadOnlyList<BsonValue> values, string name, BsonValue operand) => name switch
    {
        "$eq" => FieldMatches(values, operand),
        "$ne" => !FieldMatches(values, operand),
        "$in" => operand.AsBsonArray.Any(o => FieldMatches(values, o)),
        "$exists" => (values.Count > 0) == operand.ToBoolean(),
        "$type" => Candidates(values).Any(s_types.GetValueOrDefault(operand.AsString) ?? throw Unsupported("$type " + operand)),
        "$lt" => Compared(values, operand, c => c < 0),
        "$lte" => Compared(values, operand, c => c <= 0),
        "$gt" => Compared(values, operand, c => c > 0),
        "$gte" => Compared(values, operand, c => c >= 0),
        _ => throw Unsupported(name),
    };

    // MongoDB compares within a type bracket only: numbers with numbers, dates with dates, and so on.
    private static bool Compared(IReadOnlyList<BsonValue> values, BsonValue operand, Func<int, bool> accept) =>
        Candidates(values).Any(v => (v.IsNumeric && operand.IsNumeric || v.BsonType == operand.BsonType) && accept(v.CompareTo(operand)));

    // An array field matches when the array itself or any of its elements does.
    private static IEnumerable<BsonValue> Candidates(IReadOnlyList<BsonValue> values) =>
        values.SelectMany(v => v is BsonArray array ? array.Prepend(v) : [v]);

    private static UnsupportedByFakeServerException Unsupported(string what) =>
        new($"unsupported query operator {what}", 2);
}
