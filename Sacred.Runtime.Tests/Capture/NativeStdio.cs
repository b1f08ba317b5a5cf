using System;
using System.Runtime.InteropServices;

namespace Sacred.Runtime.Tests.Capture;

/// <summary>C's stdio, as native libraries print.</summary>
internal static partial class NativeStdio
{
    /// <summary>libc <c>printf</c> of <paramref name="text"/>, which must hold no conversions.</summary>
    public static void Printf(string text)
    {
        if (text.Contains('%', StringComparison.Ordinal))
        {
            throw new ArgumentException("printf text must hold no conversions", nameof(text));
        }

        PrintfCore(text);
    }

    // printf is variadic; with no arguments after the format the fixed-argument call is the same on Linux.
    [LibraryImport("libc", EntryPoint = "printf", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int PrintfCore(string format);
}
