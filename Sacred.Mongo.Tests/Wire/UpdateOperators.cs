using System.Linq;
using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>
/// The update operators our code sends, on dotted paths: <c>$set</c>, <c>$unset</c>, <c>$inc</c>, <c>$push</c> (one
/// value or <c>$each</c>), and a whole replacement document (ReplaceOne) that keeps <c>_id</c>. Any other operator,
/// or a modifier of <c>$push</c> other than <c>$each</c>, is refused by name.
/// </summary>
internal static class UpdateOperators
{
    /// <summary>The document after <paramref name="update"/>; <paramref name="document"/> is left as it was.</summary>
    public static BsonDocument Apply(BsonDocument document, BsonDocument update)
    {
        if (update.ElementCount == 0 || !update.GetElement(0).Name.StartsWith('$'))
        {
            return Replace(document, update);
        }

        var result = document.DeepClone().AsBsonDocument;
        foreach (var element in update)
        {
            foreach (var field in element.Value.AsBsonDocument)
            {
                switch (element.Name)
                {
                    case "$set":
                        DocumentPath.Set(result, field.Name, field.Value.DeepClone());
                        break;
                    case "$unset":
                        DocumentPath.Remove(result, field.Name);
                        break;
                    case "$inc":
                        DocumentPath.Set(result, field.Name, Add(DocumentPath.Get(result, field.Name), field.Value, field.Name));
                        break;
                    case "$push":
                        Push(result, field.Name, field.Value);
                        break;
                    default:
                        throw new UnsupportedByFakeServerException($"unsupported update operator {element.Name}", 2);
                }
            }
        }

        return result;
    }

    private static BsonDocument Replace(BsonDocument document, BsonDocument replacement)
    {
        var result = new BsonDocument();
        if (document.TryGetValue("_id", out var id))
        {
            result["_id"] = id;
        }

        foreach (var element in replacement)
        {
            result[element.Name] = element.Value.DeepClone();
        }

        return result;
    }

    private static BsonValue Add(BsonValue? current, BsonValue increment, string path)
    {
        if (current is null)
        {
            return increment;
        }

        if (!current.IsNumeric || !increment.IsNumeric)
        {
            throw new UnsupportedByFakeServerException($"$inc of {path}: {current.BsonType} + {increment.BsonType}", 14);
        }

        if (current.IsDouble || increment.IsDouble)
        {
            return new BsonDouble(current.ToDouble() + increment.ToDouble());
        }

        var sum = current.ToInt64() + increment.ToInt64();
        return current.IsInt32 && increment.IsInt32 && sum is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)sum) : new BsonInt64(sum);
    }

    private static void Push(BsonDocument document, string path, BsonValue value)
    {
        var items = new BsonArray { value.DeepClone() };
        if (value is BsonDocument modifiers && modifiers.ElementCount > 0 && modifiers.GetElement(0).Name.StartsWith('$'))
        {
            if (modifiers.Names.Any(n => n != "$each"))
            {
                throw new UnsupportedByFakeServerException($"unsupported $push modifier in {path}: {string.Join(", ", modifiers.Names)}", 2);
            }

            items = modifiers["$each"].DeepClone().AsBsonArray;
        }

        switch (DocumentPath.Get(document, path))
        {
            case null:
                DocumentPath.Set(document, path, items);
                break;
            case BsonArray array:
                array.AddRange(items);
                break;
            case var other:
                throw new UnsupportedByFakeServerException($"$push to {path}, which is a {other.BsonType}, not an array", 2);
        }
    }
}
