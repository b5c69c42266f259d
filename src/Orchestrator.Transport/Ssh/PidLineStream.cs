using System.Globalization;

namespace Orchestrator.Transport.Ssh;

/// <summary>
/// Stderr of a remote script whose wrapper first prints <c>$$</c> (the process group id) on a line of
/// its own: that line is taken off and parsed; everything after it reads through unchanged.
/// </summary>
internal sealed class PidLineStream : Stream
{
    private readonly Stream _inner;
    private byte[] _carry = [];
    private int _carryOffset;
    private bool _pidRead;

    public PidLineStream(Stream inner) => _inner = inner;

    public int? ProcessGroupId { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_pidRead)
        {
            var head = new List<byte>();
            var chunk = new byte[256];
            while (!_pidRead)
            {
                var read = await _inner.ReadAsync(chunk, cancellationToken);
                if (read == 0)
                {
                    _pidRead = true;
                    _carry = head.ToArray();
                    break;
                }

                head.AddRange(chunk.AsSpan(0, read));
                var newline = head.IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var line = System.Text.Encoding.ASCII.GetString(head.GetRange(0, newline).ToArray()).Trim();
                    if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1)
                    {
                        ProcessGroupId = pid;
                        _carry = head.GetRange(newline + 1, head.Count - newline - 1).ToArray();
                    }
                    else
                    {
                        // Not our line (a login shell that printed something first): keep it all.
                        _carry = head.ToArray();
                    }

                    _pidRead = true;
                }
            }
        }

        if (_carryOffset < _carry.Length)
        {
            var n = Math.Min(buffer.Length, _carry.Length - _carryOffset);
            _carry.AsMemory(_carryOffset, n).CopyTo(buffer);
            _carryOffset += n;
            return n;
        }

        return await _inner.ReadAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
