namespace Sacred.Capture;

/// <summary><c>--capture=sys</c>: captures what goes through <see cref="System.Console"/>'s writers only.</summary>
internal sealed class SysOutputCapture : OutputCapture
{
    private readonly ConsoleWriters _writers;

    private SysOutputCapture(CapturedText text, ConsoleWriters writers)
        : base(text)
    {
        _writers = writers;
    }

    public override CaptureMode Mode => CaptureMode.Sys;

    public static SysOutputCapture Start()
    {
        var text = new CapturedText();
        var writers = ConsoleWriters.Replace(
            original => new TeeTextWriter(original, text.AddStream()),
            original => new TeeTextWriter(original, text.AddStream()));
        return new SysOutputCapture(text, writers);
    }

    protected override void Release() => _writers.Restore();
}
