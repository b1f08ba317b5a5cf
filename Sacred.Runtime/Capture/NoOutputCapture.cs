namespace Sacred.Capture;

/// <summary><c>--capture=no</c>: captures nothing.</summary>
internal sealed class NoOutputCapture() : OutputCapture(new CapturedText())
{
    public override CaptureMode Mode => CaptureMode.No;

    protected override void Release()
    {
    }
}
