using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sacred.Host.Git;

/// <summary>What <c>lstat</c> says about a path, in the fields git's index keeps (read with Linux's <c>statx</c>).</summary>
internal readonly partial record struct FileStatus(
    uint Mode, uint Uid, uint Gid, ulong Inode, ulong Size, long CtimeSeconds, uint CtimeNanoseconds, long MtimeSeconds, uint MtimeNanoseconds)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Whether this reader can stat files here (Linux); elsewhere the caller asks git.</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>The status of <paramref name="path"/> without following a final symlink; null when it does not exist.</summary>
    public static unsafe FileStatus? Read(string path)
    {
        // struct statx is the same on every Linux architecture: 256 bytes, fixed offsets.
        Span<byte> buffer = stackalloc byte[256];
        fixed (byte* pointer = buffer)
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, pointer) != 0)
            {
                return null;
            }
        }

        return new FileStatus(
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]),
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..]),
            Gid: BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]),
            Size: BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
            CtimeSeconds: BinaryPrimitives.ReadInt64LittleEndian(buffer[96..]),
            CtimeNanoseconds: BinaryPrimitives.ReadUInt32LittleEndian(buffer[104..]),
            MtimeSeconds: BinaryPrimitives.ReadInt64LittleEndian(buffer[112..]),
            MtimeNanoseconds: BinaryPrimitives.ReadUInt32LittleEndian(buffer[120..]));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
