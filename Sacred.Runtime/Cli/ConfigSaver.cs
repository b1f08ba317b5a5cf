using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Sacred.Configuration;
using Sacred.Generated;

namespace Sacred.Cli;

/// <summary><c>save_config</c>: writes the final config as JSON (sorted keys, indent 2), as Sacred does.</summary>
internal static class ConfigSaver
{
    public const string DefaultFileName = "config.json";

    /// <summary>Takes the special <c>config_filename=FILE</c> update out of the updates (the last one wins).</summary>
    public static (string FileName, IReadOnlyList<string> Updates) TakeFileName(IReadOnlyList<string> updates)
    {
        var fileName = DefaultFileName;
        var rest = new List<string>();
        foreach (var update in updates)
        {
            var equals = update.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && update[..equals].Trim() == BuiltInCommands.ConfigFilenameKey)
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

    /// <summary>Writes the file; an I/O failure becomes one error line.</summary>
    public static void Save(ConfigNode config, string fileName)
    {
        try
        {
            File.WriteAllText(fileName, config.ToJson(indented: true), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot write config file '{fileName}': {e.Message}");
        }
    }
}
