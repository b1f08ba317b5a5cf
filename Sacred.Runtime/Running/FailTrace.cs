using System;
using System.Collections.Generic;

namespace Sacred.Running;

/// <summary>
/// Sacred's <c>fail_trace</c>: the failure as the user's code saw it. As Sacred drops its own frames from the
/// traceback, the runtime's frames (its types in the <c>Sacred</c> namespace and its folders' namespaces; not
/// other code that happens to start with <c>Sacred.</c>) and the generated code's (<c>__Sacred</c> members of the
/// experiment class) are dropped; everything else stays in .NET's order:
/// the exception's type and message, inner exceptions, the user's frames innermost first, and the frames of
/// libraries the user called. Works on the exception's text, so it also holds under Native AOT, where frames
/// carry no method metadata.
/// </summary>
internal static class FailTrace
{
    private const string FramePrefix = "   at ";
    private const string RuntimeRoot = "Sacred.";

    /// <summary>The runtime's namespaces under <c>Sacred</c> (its folders) and its types in <c>Sacred</c> itself; a test keeps the list whole.</summary>
    internal static readonly HashSet<string> RuntimeSegments = new(StringComparer.Ordinal)
    {
        "Capture", "CommandLine", "Configuration", "Formatting", "Generated", "Host", "Logging", "Metrics", "Observers",
        "Queue", "Randomness", "Recording", "Running", "Storage",
        "CaptureMode", "CapturedAttribute", "CommandAttribute", "ConfigAttribute", "ConfigFileAttribute", "ConfigNode",
        "ConfigNodeKind", "ExperimentAttribute", "IngredientAttribute", "KeyAttribute", "MainAttribute",
        "NamedConfigAttribute", "NamedConfigFileAttribute", "Run", "RunInfo", "RunInterrupt", "RunOptions",
        "TensorBoard", "TimeoutInterrupt",
    };
    private const string RethrowMarker = "--- End of stack trace from previous location ---";

    /// <summary>The exception's text without the runtime's and the generated code's frames, one line per entry, each ending in <c>\n</c>.</summary>
    /// <param name="exception">The exception the command threw.</param>
    /// <returns>The lines.</returns>
    public static string[] Lines(Exception exception) => Filter(exception.ToString().ReplaceLineEndings("\n").Split('\n'));

    /// <summary>The same, as one text (what is printed on stderr).</summary>
    /// <param name="exception">The exception the command threw.</param>
    /// <returns>The text, without a final line end.</returns>
    public static string Text(Exception exception) => string.Concat(Lines(exception)).TrimEnd('\n');

    /// <summary>Drops the runtime's and the generated code's frames from an exception's lines.</summary>
    internal static string[] Filter(string[] lines)
    {
        var kept = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsFrame(line) && IsOwnFrame(line))
            {
                continue;
            }

            // A rethrow marker stays only when a frame of the user's code follows it before the next non-frame line.
            if (line.Trim() == RethrowMarker && !UserFrameFollows(lines, i + 1))
            {
                continue;
            }

            kept.Add(line + "\n");
        }

        return [.. kept];
    }

    private static bool UserFrameFollows(string[] lines, int start)
    {
        for (var i = start; i < lines.Length && (IsFrame(lines[i]) || lines[i].Trim() == RethrowMarker); i++)
        {
            if (IsFrame(lines[i]) && !IsOwnFrame(lines[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFrame(string line) => line.StartsWith(FramePrefix, StringComparison.Ordinal);

    private static bool IsOwnFrame(string line)
    {
        var method = line.AsSpan(FramePrefix.Length);
        var arguments = method.IndexOf('(');
        var name = arguments < 0 ? method : method[..arguments];
        return IsRuntimeName(name) || name.Contains(".__Sacred", StringComparison.Ordinal);
    }

    /// <summary>Whether a method's full name (<c>Namespace.Type.Method</c>) is the runtime's.</summary>
    /// <param name="name">The name as a stack frame prints it.</param>
    /// <returns>True for the runtime's own code.</returns>
    internal static bool IsRuntimeName(ReadOnlySpan<char> name)
    {
        if (!name.StartsWith(RuntimeRoot, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name[RuntimeRoot.Length..];
        var end = rest.IndexOfAny('.', '`');
        var segment = end < 0 ? rest : rest[..end];
        return RuntimeSegments.GetAlternateLookup<ReadOnlySpan<char>>().Contains(segment);
    }
}
