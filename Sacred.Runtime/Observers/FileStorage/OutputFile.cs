using System.IO;
using System.Text;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// <c>cout.txt</c>: created empty when the run starts, then each heartbeat's new output is appended as UTF-8.
/// Writes go at the end of what was written successfully, so a failed append is overwritten, not duplicated,
/// when the next one succeeds.
/// </summary>
internal sealed class OutputFile
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path;
    private long _length;

    private OutputFile(string path) => _path = path;

    /// <summary>Creates the empty file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The output file.</returns>
    public static OutputFile Create(string path)
    {
        File.WriteAllBytes(path, []);
        return new OutputFile(path);
    }

    /// <summary>Appends text.</summary>
    /// <param name="text">The new output.</param>
    public void Append(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        var bytes = s_utf8.GetBytes(text);
        using (var handle = File.OpenHandle(_path, FileMode.OpenOrCreate, FileAccess.Write))
        {
            RandomAccess.SetLength(handle, _length);
            RandomAccess.Write(handle, bytes, _length);
        }

        _length += bytes.Length;
    }
}
