using System;
using System.IO;

namespace Sacred.Runtime.Tests;

/// <summary>A fresh directory for one test's files, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sacred-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
