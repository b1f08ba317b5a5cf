using System.Collections.Generic;
using System.Globalization;
using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>Dotted field paths (<c>meta.options.--name</c>, <c>info.metrics.0.id</c>) into a document: read, set, remove.</summary>
internal static class DocumentPath
{
    /// <summary>The values at <paramref name="path"/>: none when it is missing; through an array, each element's.</summary>
    public static IReadOnlyList<BsonValue> Values(BsonValue root, string path)
    {
        var current = new List<BsonValue> { root };
        foreach (var part in path.Split('.'))
        {
            var next = new List<BsonValue>();
            foreach (var value in current)
            {
                if (value is BsonDocument document && document.TryGetValue(part, out var child))
                {
                    next.Add(child);
                }
                else if (value is BsonArray array)
                {
                    if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        if (index < array.Count)
                        {
                            next.Add(array[index]);
                        }
                    }
                    else
                    {
                        foreach (var element in array)
                        {
                            if (element is BsonDocument item && item.TryGetValue(part, out var grandChild))
                            {
                                next.Add(grandChild);
                            }
                        }
                    }
                }
            }

            current = next;
        }

        return current;
    }

    /// <summary>The single value at <paramref name="path"/> (no array fan-out), or null.</summary>
    public static BsonValue? Get(BsonDocument document, string path)
    {
        BsonValue current = document;
        foreach (var part in path.Split('.'))
        {
            if (Child(current, part) is not { } child)
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>Sets <paramref name="path"/> to <paramref name="value"/>, creating the documents on the way.</summary>
    public static void Set(BsonDocument document, string path, BsonValue value)
    {
        var parts = path.Split('.');
        BsonValue current = document;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (Child(current, parts[i]) is not { } child)
            {
                child = new BsonDocument();
                SetChild(current, parts[i], child, path);
            }

            current = child;
        }

        SetChild(current, parts[^1], value, path);
    }

    /// <summary>Removes <paramref name="path"/>, if it is there.</summary>
    public static void Remove(BsonDocument document, string path)
    {
        var last = path.LastIndexOf('.');
        var parent = last < 0 ? document : Get(document, path[..last]);
        if (parent is BsonDocument container)
        {
            container.Remove(path[(last + 1)..]);
        }
        else if (parent is BsonArray array && int.TryParse(path[(last + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count)
        {
            array[index] = BsonNull.Value; // as MongoDB's $unset of an array element
        }
    }

    private static BsonValue? Child(BsonValue value, string part) => value switch
    {
        BsonDocument document => document.TryGetValue(part, out var child) ? child : null,
        BsonArray array when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
        _ => null,
    };

    private static void SetChild(BsonValue container, string part, BsonValue value, string path)
    {
        if (container is BsonDocument document)
        {
            document[part] = value;
        }
        else if (container is BsonArray array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            while (array.Count <= index)
            {
                array.Add(BsonNull.Value);
            }

            array[index] = value;
        }
        else
        {
            throw new UnsupportedByFakeServerException($"cannot set {path}: {part} is inside a {container.BsonType}", 2);
        }
    }
}
