using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Sacred.Host.Git;

/// <summary>
/// A repository's index (<c>.git/index</c>, versions 2 to 4): each tracked path with the stat data and blob hash
/// it was staged with, and the root tree hash from the cache-tree extension when it is valid.
/// </summary>
internal sealed class GitIndexFile
{
    private GitIndexFile(List<Entry> entries, string? rootTree, FileStatus indexStatus)
    {
        Entries = entries;
        RootTree = rootTree;
        IndexStatus = indexStatus;
    }

    /// <summary>The entries, in the index's order.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>The tree the whole index would be written as, when the cache tree says so; null when unknown.</summary>
    public string? RootTree { get; }

    /// <summary>The index file's own status (its modification time decides which entries are racily clean).</summary>
    public FileStatus IndexStatus { get; }

    /// <summary>Reads the index; null when it is missing or uses what this reader does not handle (split or sparse index, SHA-256).</summary>
    public static GitIndexFile? Read(string path)
    {
        if (FileStatus.Read(path) is not { } status)
        {
            return null;
        }

        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (data.Length < 12 + 20 || !data.AsSpan(0, 4).SequenceEqual("DIRC"u8))
        {
            return null;
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4));
        if (version is < 2 or > 4)
        {
            return null;
        }

        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(8));
        var entries = new List<Entry>(count);
        var position = 12;
        var previous = string.Empty;
        var end = data.Length - 20;
        for (var i = 0; i < count; i++)
        {
            if (position + 62 > end)
            {
                return null;
            }

            var span = data.AsSpan(position);
            var flags = BinaryPrimitives.ReadUInt16BigEndian(span[60..]);
            var extended = (flags & 0x4000) != 0;
            var extendedFlags = extended ? BinaryPrimitives.ReadUInt16BigEndian(span[62..]) : (ushort)0;
            var nameStart = position + 62 + (extended ? 2 : 0);
            string name;
            if (version == 4)
            {
                var strip = (int)ReadVarInt(data, ref nameStart);
                var zero = Array.IndexOf(data, (byte)0, nameStart);
                if (zero < 0 || strip > previous.Length)
                {
                    return null;
                }

                name = previous[..(previous.Length - strip)] + Encoding.UTF8.GetString(data, nameStart, zero - nameStart);
                position = zero + 1;
            }
            else
            {
                var zero = Array.IndexOf(data, (byte)0, nameStart);
                if (zero < 0)
                {
                    return null;
                }

                name = Encoding.UTF8.GetString(data, nameStart, zero - nameStart);
                // Entries are padded with 1-8 NULs to a multiple of 8 bytes.
                var length = zero - position;
                position += (length + 8) & ~7;
            }

            var mode = BinaryPrimitives.ReadUInt32BigEndian(span[24..]);
            if ((mode & 0xF000) == 0x4000)
            {
                // A sparse directory entry: the work tree is not all there.
                return null;
            }

            entries.Add(new Entry(
                name,
                mode,
                CtimeSeconds: BinaryPrimitives.ReadUInt32BigEndian(span),
                CtimeNanoseconds: BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
                MtimeSeconds: BinaryPrimitives.ReadUInt32BigEndian(span[8..]),
                MtimeNanoseconds: BinaryPrimitives.ReadUInt32BigEndian(span[12..]),
                Inode: BinaryPrimitives.ReadUInt32BigEndian(span[20..]),
                Uid: BinaryPrimitives.ReadUInt32BigEndian(span[28..]),
                Gid: BinaryPrimitives.ReadUInt32BigEndian(span[32..]),
                Size: BinaryPrimitives.ReadUInt32BigEndian(span[36..]),
                Hash: Convert.ToHexStringLower(span.Slice(40, 20)),
                Stage: (flags >> 12) & 3,
                AssumeValid: (flags & 0x8000) != 0,
                SkipWorktree: (extendedFlags & 0x4000) != 0,
                IntentToAdd: (extendedFlags & 0x2000) != 0));
            previous = name;
        }

        string? rootTree = null;
        while (position + 8 <= end)
        {
            var signature = data.AsSpan(position, 4);
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(position + 4));
            var body = position + 8;
            if (body + size > end)
            {
                return null;
            }

            if (signature.SequenceEqual("link"u8) || signature.SequenceEqual("sdir"u8))
            {
                return null;
            }

            if (signature.SequenceEqual("TREE"u8))
            {
                rootTree = RootOf(data.AsSpan(body, size));
            }

            position = body + size;
        }

        return new GitIndexFile(entries, rootTree, status);
    }

    // The cache tree's first entry is the root: "" NUL, entry count (-1 when invalid), space, subtrees, LF, hash.
    private static string? RootOf(ReadOnlySpan<byte> tree)
    {
        if (tree.Length < 1 || tree[0] != 0)
        {
            return null;
        }

        var newline = tree.IndexOf((byte)'\n');
        if (newline < 0 || tree[1] == (byte)'-' || newline + 21 > tree.Length)
        {
            return null;
        }

        return Convert.ToHexStringLower(tree.Slice(newline + 1, 20));
    }

    private static ulong ReadVarInt(byte[] data, ref int position)
    {
        // Git's offset varint (as in OFS_DELTA): each continuation adds one before shifting.
        uint c = data[position++];
        ulong value = c & 0x7f;
        while ((c & 0x80) != 0)
        {
            c = data[position++];
            value = ((value + 1) << 7) | (c & 0x7f);
        }

        return value;
    }

    /// <summary>One index entry.</summary>
    public sealed record Entry(
        string Path,
        uint Mode,
        uint CtimeSeconds,
        uint CtimeNanoseconds,
        uint MtimeSeconds,
        uint MtimeNanoseconds,
        uint Inode,
        uint Uid,
        uint Gid,
        uint Size,
        string Hash,
        int Stage,
        bool AssumeValid,
        bool SkipWorktree,
        bool IntentToAdd);
}
