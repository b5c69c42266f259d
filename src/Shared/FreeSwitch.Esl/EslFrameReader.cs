using System.Globalization;
using System.Text;

namespace FreeSwitch.Esl;

/// <summary>
/// The event socket's framing, the same both ways: lines up to a blank line (blank lines before a frame are skipped,
/// '\r' is ignored), then Content-Length bytes of body. fs_cli and the simulator read the two ends of one protocol, so
/// both link this file rather than each keep a copy.
/// </summary>
/// <param name="read">
/// Fills the buffer from the socket and returns the count, 0 at its end. fs_cli passes a synchronous read, so the
/// socket's receive timeout applies and every task this returns has already completed.
/// </param>
internal sealed class EslFrameReader(Func<byte[], CancellationToken, ValueTask<int>> read)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>The "Name: value" lines among <paramref name="lines"/>, both sides trimmed; a line without a name is left out.</summary>
    public static List<(string Name, string Value)> Headers(IEnumerable<string> lines)
    {
        var headers = new List<(string Name, string Value)>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return headers;
    }

    /// <summary>The first header of that name, in any case, or null.</summary>
    public static string? Find(IEnumerable<(string Name, string Value)> headers, string name) =>
        headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The Content-Length header as a number, or null when it is absent or not a number.</summary>
    public static int? ContentLength(IEnumerable<(string Name, string Value)> headers) =>
        Find(headers, "Content-Length") is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) ? length : null;

    /// <summary>The lines of one frame before the blank line that ends it; null when the stream ends first.</summary>
    public async ValueTask<List<string>?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (lines.Count == 0)
                {
                    continue;
                }

                return lines;
            }

            lines.Add(line);
        }
    }

    /// <summary>The <paramref name="length"/> bytes of a frame's body; null when the stream ends first.</summary>
    public async ValueTask<byte[]?> ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        for (var done = 0; done < length;)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return null;
            }

            var take = Math.Min(length - done, _end - _start);
            Array.Copy(_buffer, _start, body, done, take);
            _start += take;
            done += take;
        }

        return body;
    }

    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return null;
            }

            var b = _buffer[_start++];
            if (b == '\n')
            {
                return Encoding.UTF8.GetString([.. line]);
            }

            if (b != '\r')
            {
                line.Add(b);
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await read(_buffer, cancellationToken);
        return _end > 0;
    }
}
