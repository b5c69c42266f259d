using System.Globalization;
using System.Text;

namespace Orchestrator.Transport.Ssh;

/// <summary>
/// Stderr of a remote script whose wrapper first prints <see cref="Prefix"/> and <c>$$</c> (the process
/// group id) on a line of its own: that line is taken out and parsed; everything else, including anything
/// a login shell's rc file printed before it, reads through unchanged.
/// </summary>
internal sealed class PidLineStream : Stream
{
    /// <summary>Starts with ASCII RS, which ordinary text does not contain.</summary>
    public const string Prefix = "\u001eorchestrator-pgid ";

    private const int MaxSearch = 64 * 1024;
    private static readonly byte[] PrefixBytes = Encoding.ASCII.GetBytes(Prefix);

    private readonly Stream _inner;
    private byte[] _carry = [];
    private int _carryOffset;
    private bool _searched;

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
        if (!_searched)
        {
            await FindPidLineAsync(cancellationToken);
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

    private async Task FindPidLineAsync(CancellationToken cancellationToken)
    {
        var head = new MemoryStream();
        var chunk = new byte[4096];
        while (true)
        {
            var data = head.GetBuffer().AsSpan(0, (int)head.Length);
            var at = data.IndexOf(PrefixBytes);
            var end = at < 0 ? -1 : data[at..].IndexOf((byte)'\n');
            if (end >= 0)
            {
                var digits = Encoding.ASCII.GetString(data.Slice(at + PrefixBytes.Length, end - PrefixBytes.Length));
                if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1)
                {
                    ProcessGroupId = pid;
                }

                _carry = [.. data[..at], .. data[(at + end + 1)..]];
                break;
            }

            if (head.Length > MaxSearch)
            {
                _carry = data.ToArray();
                break;
            }

            var read = await _inner.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                _carry = head.ToArray();
                break;
            }

            head.Write(chunk, 0, read);
        }

        _searched = true;
    }
}
