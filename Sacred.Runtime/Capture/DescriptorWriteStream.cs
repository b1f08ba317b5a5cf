using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Sacred.Capture;

/// <summary>
/// A write-only stream onto a descriptor number it does not own, so it follows a <c>dup2</c> onto that number.
/// .NET's own console streams hold a duplicate of fd 1 or 2 taken when first used, which would bypass a redirect.
/// Like them, it ignores a closed pipe (EPIPE).
/// </summary>
internal sealed class DescriptorWriteStream(int descriptor) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var error = Libc.WriteAll(descriptor, buffer);
        if (error != 0 && error != Libc.BrokenPipe)
        {
            throw new IOException(Marshal.GetPInvokeErrorMessage(error), error);
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
