using System;
using System.IO;
using System.Security.Cryptography;

namespace Sacred.Storage;

/// <summary>
/// The store's content-addressed files: each file lives at <c>files/&lt;2 hex&gt;/&lt;sha256&gt;</c>, written once to
/// <c>files/tmp/</c>, synced, then renamed into place, so a reader never sees a partial file and equal contents are
/// kept once. A crash can leave a file no run refers to, never a run that refers to a missing or partial file.
/// </summary>
internal sealed class ContentStore
{
    private readonly string _directory;

    public ContentStore(string directory) => _directory = directory;

    /// <summary>Stores bytes; returns their hash.</summary>
    public string Put(ReadOnlySpan<byte> content)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var target = StoreLayout.FilePath(_directory, hash);
        if (File.Exists(target))
        {
            MarkInUse(target);
            return hash;
        }

        var temp = NewTempPath();
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            MoveIntoPlace(temp, target);
        }
        finally
        {
            File.Delete(temp);
        }

        return hash;
    }

    /// <summary>Copies a file into the store; returns its hash and size.</summary>
    public (string Hash, long Size) PutFile(string path)
    {
        var temp = NewTempPath();
        try
        {
            string hash;
            long size;
            using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    copy.Write(buffer, 0, read);
                }

                copy.Flush(flushToDisk: true);
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
                size = copy.Length;
            }

            var target = StoreLayout.FilePath(_directory, hash);
            if (!File.Exists(target))
            {
                MoveIntoPlace(temp, target);
            }
            else
            {
                MarkInUse(target);
            }

            return (hash, size);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Opens a stored file for reading.</summary>
    /// <exception cref="FileNotFoundException">No file has this hash.</exception>
    public Stream Open(string hash)
    {
        var path = StoreLayout.FilePath(_directory, hash);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException($"The store holds no file {hash}.", path, e);
        }
    }

    /// <summary>
    /// A file that is about to be referred to again gets a fresh modification time, so a deletion that began
    /// before this writer's transaction leaves it alone (see <c>RunCuration.Delete</c>).
    /// </summary>
    private static void MarkInUse(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to touch (another user's store file): it is only ever deleted by its owner.
        }
    }

    private string NewTempPath()
    {
        var folder = StoreLayout.TempPath(_directory);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N"));
    }

    private static void MoveIntoPlace(string temp, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another process stored the same content first; theirs is identical.
        }
    }
}
