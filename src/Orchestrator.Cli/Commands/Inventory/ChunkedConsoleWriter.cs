using System.Text;

namespace Orchestrator.Cli.Commands.Inventory;

/// <summary>
/// Collects output in 64 KiB chunks and hands each to <see cref="Console.Out"/> (which flushes on every write),
/// so a large document costs a few hundred console writes instead of one per token or one giant string.
/// </summary>
internal sealed class ChunkedConsoleWriter : TextWriter
{
    private readonly char[] _buffer = new char[1 << 16];
    private int _used;

    public override Encoding Encoding => Console.Out.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => "\n";
        set { }
    }

    public override void Write(char value)
    {
        if (_used == _buffer.Length)
        {
            Flush();
        }

        _buffer[_used++] = value;
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_used == _buffer.Length)
            {
                Flush();
            }

            var n = Math.Min(buffer.Length, _buffer.Length - _used);
            buffer[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            buffer = buffer[n..];
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Flush()
    {
        if (_used > 0)
        {
            Console.Out.Write(_buffer, 0, _used);
            _used = 0;
        }

        Console.Out.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
