using System;
using System.IO;
using System.Text;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// Replaces files whole: the content goes to a hidden temporary file beside the target, is flushed to disk, then
/// renamed over the target. A reader, or a process killed at any point, sees the old file or the new one, never
/// a half-written one; a kill can leave a stray <c>.NAME.*.tmp</c> file behind, which readers ignore.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces <paramref name="path"/> with UTF-8 text (no BOM).</summary>
    /// <param name="path">The file.</param>
    /// <param name="text">The text.</param>
    public static void WriteText(string path, string text) =>
        Write(path, stream => stream.Write(s_utf8.GetBytes(text)));

    /// <summary>Replaces <paramref name="path"/> with a copy of <paramref name="source"/>.</summary>
    /// <param name="source">The file to copy.</param>
    /// <param name="path">The file to replace.</param>
    public static void Copy(string source, string path)
    {
        var temp = TempPathFor(path);
        try
        {
            File.Copy(source, temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> writes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the content.</param>
    public static void Write(string path, Action<FileStream> write)
    {
        var temp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static string TempPathFor(string path) =>
        Path.Combine(
            Path.GetDirectoryName(Path.GetFullPath(path))!,
            "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
}
