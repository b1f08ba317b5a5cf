using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Sacred.Host.Git;

/// <summary>Reads the tree hash of a commit object, loose or in a pack (whole objects only, no deltas).</summary>
internal static class GitObjects
{
    /// <summary>The tree hash the commit <paramref name="commit"/> records, or null when it cannot be read here.</summary>
    public static string? TreeOf(string commonDirectory, string commit)
    {
        var objects = Path.Combine(commonDirectory, "objects");
        var loose = Path.Combine(objects, commit[..2], commit[2..]);
        try
        {
            if (File.Exists(loose))
            {
                using var file = File.OpenRead(loose);
                using var inflated = new ZLibStream(file, CompressionMode.Decompress);
                return TreeLine(ReadPrefix(inflated), skipHeader: true);
            }

            var packs = Path.Combine(objects, "pack");
            if (!Directory.Exists(packs))
            {
                return null;
            }

            var hash = Convert.FromHexString(commit);
            foreach (var index in Directory.EnumerateFiles(packs, "*.idx"))
            {
                if (OffsetIn(index, hash) is { } offset)
                {
                    return TreeInPack(Path.ChangeExtension(index, ".pack"), offset);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
        }

        return null;
    }

    // A pack index, version 2: magic, version, 256 fan-out counts, sorted hashes, CRCs, 4-byte offsets, 8-byte offsets.
    private static long? OffsetIn(string indexPath, byte[] hash)
    {
        var index = File.ReadAllBytes(indexPath);
        if (index.Length < 8 + 1024 || BinaryPrimitives.ReadUInt32BigEndian(index) != 0xff744f63 || BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(4)) != 2)
        {
            return null;
        }

        const int fanout = 8;
        var total = (int)BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(fanout + (255 * 4)));
        var low = hash[0] == 0 ? 0 : (int)BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(fanout + ((hash[0] - 1) * 4)));
        var high = (int)BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(fanout + (hash[0] * 4)));
        var hashes = fanout + 1024;
        while (low < high)
        {
            var middle = (low + high) / 2;
            var order = index.AsSpan(hashes + (middle * 20), 20).SequenceCompareTo(hash);
            if (order == 0)
            {
                var offsets = hashes + (total * 20) + (total * 4);
                var offset = BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(offsets + (middle * 4)));
                if ((offset & 0x80000000) == 0)
                {
                    return offset;
                }

                var large = offsets + (total * 4) + ((int)(offset & 0x7fffffff) * 8);
                return (long)BinaryPrimitives.ReadUInt64BigEndian(index.AsSpan(large));
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return null;
    }

    private static string? TreeInPack(string packPath, long offset)
    {
        using var pack = File.OpenRead(packPath);
        pack.Position = offset;
        var first = pack.ReadByte();
        var type = (first >> 4) & 7;
        var more = first;
        while ((more & 0x80) != 0)
        {
            more = pack.ReadByte();
        }

        // 1 is a whole commit; deltas (6, 7) would need their bases: the caller asks git instead.
        if (type != 1)
        {
            return null;
        }

        using var inflated = new ZLibStream(pack, CompressionMode.Decompress);
        return TreeLine(ReadPrefix(inflated), skipHeader: false);
    }

    private static string ReadPrefix(Stream stream)
    {
        var buffer = new byte[256];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    // A commit starts "tree <hash>\n"; a loose object has "commit <size>\0" before it.
    private static string? TreeLine(string text, bool skipHeader)
    {
        if (skipHeader)
        {
            var zero = text.IndexOf('\0');
            if (!text.StartsWith("commit ", StringComparison.Ordinal) || zero < 0)
            {
                return null;
            }

            text = text[(zero + 1)..];
        }

        return text.Length >= 45 && text.StartsWith("tree ", StringComparison.Ordinal) && GitRefs.IsHex(text.AsSpan(5, 40)) ? text.Substring(5, 40) : null;
    }
}
