using System;

namespace Sacred.Capture;

// Placeholder with the final API; replaced by the fd/sys capture from the capture branch.
internal abstract class OutputCapture : IDisposable
{
    public static OutputCapture Start(CaptureMode mode) => new NoCapture();

    public abstract string TakeCompletedLines();

    public abstract string Stop();

    public void Dispose() => Stop();

    private sealed class NoCapture : OutputCapture
    {
        public override string TakeCompletedLines() => string.Empty;

        public override string Stop() => string.Empty;
    }
}
