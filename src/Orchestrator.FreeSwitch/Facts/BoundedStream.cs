namespace Orchestrator.FreeSwitch.Facts;

/// <summary>A read-only stream that counts what it hands out and throws once more than <c>limit</c> bytes were asked for.</summary>
internal sealed class BoundedStream(Stream inner, long limit, Func<Exception> exceeded) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // One byte past the limit is enough to know it was crossed; never more.
        var allowed = (int)Math.Min(buffer.Length, limit + 1 - _read);
        var n = allowed <= 0 ? 0 : inner.Read(buffer[..allowed]);
        _read += n;
        return _read > limit ? throw exceeded() : n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
