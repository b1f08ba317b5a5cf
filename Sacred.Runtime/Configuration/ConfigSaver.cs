using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Sacred.Generated;

namespace Sacred.Configuration;

/// <summary><c>save_config</c>: writes the final config as JSON (sorted keys, indent 2), as Sacred does.</summary>
internal static class ConfigSaver
{
    public const string DefaultFileName = "config.json";

    /// <summary>The special update that names save_config's output file.</summary>
    public const string FileNameKey = "config_filename";

    /// <summary>Takes the special <c>config_filename=FILE</c> update out of the updates (the last one wins).</summary>
    public static (string FileName, IReadOnlyList<string> Updates) TakeFileName(IReadOnlyList<string> updates)
    {
        var fileName = DefaultFileName;
        var rest = new List<string>();
        foreach (var update in updates)
        {
            var equals = update.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && update[..equals].Trim() == FileNameKey)
            {
                ValueParsers.TryParseString(update[(equals + 1)..], out fileName);
            }
            else
            {
                rest.Add(update);
            }
        }

        return (fileName, rest);
    }

    /// <summary>Writes the file.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static void Save(ConfigNode config, string fileName) =>
        File.WriteAllText(fileName, config.ToJson(indented: true), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
