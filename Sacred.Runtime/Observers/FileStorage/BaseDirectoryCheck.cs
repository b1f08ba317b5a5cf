using System;
using System.IO;

namespace Sacred.Observers.FileStorage;

/// <summary>
/// Tells, without creating anything, whether a base directory exists and is writable or could be created: the
/// nearest existing ancestor must be a writable directory.
/// </summary>
internal static class BaseDirectoryCheck
{
    /// <summary>Why the directory cannot be used, or null when it can.</summary>
    /// <param name="baseDirectory">The directory as given.</param>
    /// <returns>The reason, or null.</returns>
    public static string? FindProblem(string baseDirectory)
    {
        string probe;
        try
        {
            probe = Path.GetFullPath(baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return e.Message;
        }

        while (!Directory.Exists(probe))
        {
            if (File.Exists(probe))
            {
                return $"'{probe}' is a file, not a directory";
            }

            var parent = Path.GetDirectoryName(probe);
            if (parent is null)
            {
                return $"'{probe}' does not exist";
            }

            probe = parent;
        }

        return ExclusiveDirectory.IsWritable(probe, out var error) ? null : $"'{probe}' is not writable ({error})";
    }
}
