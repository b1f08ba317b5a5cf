using System.IO;
using System.Threading;

namespace Sacred.Running;

/// <summary>What the host writes to and listens to.</summary>
/// <param name="Out">stdout.</param>
/// <param name="Error">stderr, where log lines and errors go.</param>
/// <param name="ColorByDefault">Colour output without <c>--color</c> (stdout is a terminal).</param>
/// <param name="Program">The program name for the usage text.</param>
/// <param name="Interrupted">Cancelled on Ctrl-C, SIGTERM or SIGHUP.</param>
/// <param name="Signals">The process's signal handling, when the host owns the console; null when embedded.</param>
internal sealed record HostEnvironment(TextWriter Out, TextWriter Error, bool ColorByDefault, string Program, CancellationToken Interrupted, InterruptSignals? Signals = null)
{
    /// <summary>
    /// The capture mode without <c>-C</c>: file-descriptor level when the host owns the console; nothing when it
    /// is embedded with its own writers, since redirecting the process's descriptors would take its host's output.
    /// </summary>
    public CaptureMode DefaultCapture => Signals is null ? CaptureMode.No : CaptureMode.Fd;
}
