using System;
using System.IO;

namespace Sacred.Capture;

/// <summary>
/// Swaps <see cref="Console.Out"/> and <see cref="Console.Error"/> for the duration of a capture, and puts the
/// previous writers back unless the user replaced ours in the meantime.
/// </summary>
internal sealed class ConsoleWriters
{
    private readonly TextWriter _previousOut;
    private readonly TextWriter _previousError;
    private readonly TextWriter _ourOut;
    private readonly TextWriter _ourError;

    private ConsoleWriters(TextWriter previousOut, TextWriter previousError)
    {
        _previousOut = previousOut;
        _previousError = previousError;
        _ourOut = Console.Out;
        _ourError = Console.Error;
    }

    /// <summary>Flushes the current writers, then sets the ones made from them.</summary>
    public static ConsoleWriters Replace(Func<TextWriter, TextWriter> replaceOut, Func<TextWriter, TextWriter> replaceError)
    {
        var previousOut = Console.Out;
        var previousError = Console.Error;
        Flush();
        Console.SetOut(replaceOut(previousOut));
        Console.SetError(replaceError(previousError));
        return new ConsoleWriters(previousOut, previousError);
    }

    /// <summary>Flushes whatever writers are current; a broken user writer must not stop the capture's end.</summary>
    public static void Flush()
    {
        TryFlush(Console.Out);
        TryFlush(Console.Error);
    }

    /// <summary>Flushes, then puts the previous writers back where ours are still in place.</summary>
    public void Restore()
    {
        Flush();
        if (ReferenceEquals(Console.Out, _ourOut))
        {
            Console.SetOut(_previousOut);
        }

        if (ReferenceEquals(Console.Error, _ourError))
        {
            Console.SetError(_previousError);
        }
    }

    private static void TryFlush(TextWriter writer)
    {
        try
        {
            writer.Flush();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // Nothing more can be done for that writer's buffer.
        }
    }
}
