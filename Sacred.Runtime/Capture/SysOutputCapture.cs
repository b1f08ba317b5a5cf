namespace Sacred.Capture;

/// <summary><c>--capture=sys</c>: captures what goes through <see cref="System.Console"/>'s writers only.</summary>
internal sealed class SysOutputCapture : OutputCapture
{
    private ConsoleWriters? _writers;

    public override CaptureMode Mode => CaptureMode.Sys;

    public static SysOutputCapture Start()
    {
        var capture = new SysOutputCapture();
        capture._writers = ConsoleWriters.Replace(
            original => new TeeTextWriter(original, capture),
            original => new TeeTextWriter(original, capture));
        return capture;
    }

    protected override void Release() => _writers?.Restore();
}
