using System;
using System.Collections.Generic;

namespace Sacred.Storage.Curation;

/// <summary>What a tag may be: 1 to 64 chars after trimming, no control characters.</summary>
public static class RunTags
{
    /// <summary>The longest tag.</summary>
    public const int MaxLength = 64;

    /// <summary>The most tags one run may have.</summary>
    public const int MaxPerRun = 100;

    /// <summary>Trims the tags, drops duplicates, sorts them, and checks each.</summary>
    /// <param name="tags">The tags as given.</param>
    /// <returns>The tags to store.</returns>
    /// <exception cref="ArgumentException">A tag is empty, too long or has a control character; or there are too many.</exception>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var given in tags)
        {
            var tag = (given ?? "").Trim();
            if (tag.Length == 0)
            {
                throw new ArgumentException("A tag cannot be empty.", nameof(tags));
            }

            if (tag.Length > MaxLength)
            {
                throw new ArgumentException($"The tag '{tag[..20]}…' is {tag.Length} chars long; a tag has at most {MaxLength}.", nameof(tags));
            }

            foreach (var c in tag)
            {
                if (char.IsControl(c))
                {
                    throw new ArgumentException($"The tag '{tag.Replace("\n", "\\n", StringComparison.Ordinal)}' has a control character; use letters, digits, spaces and punctuation.", nameof(tags));
                }
            }

            set.Add(tag);
        }

        if (set.Count > MaxPerRun)
        {
            throw new ArgumentException($"{set.Count} tags given; a run has at most {MaxPerRun}.", nameof(tags));
        }

        return [.. set];
    }
}
