using System.Globalization;
using System.Text;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>A parsed SIP message: enough of RFC 3261 for a UAS that answers calls over UDP.</summary>
internal sealed class SipMessage
{
    private static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = "Via", ["f"] = "From", ["t"] = "To", ["i"] = "Call-ID", ["m"] = "Contact",
        ["l"] = "Content-Length", ["c"] = "Content-Type", ["k"] = "Supported", ["s"] = "Subject",
    };

    private readonly List<(string Name, string Value)> _headers = [];

    private SipMessage(string startLine)
    {
        StartLine = startLine;
    }

    public string StartLine { get; }

    /// <summary>The request method, or null for a response.</summary>
    public string? Method { get; private init; }

    public int StatusCode { get; private init; }

    public string Body { get; private set; } = string.Empty;

    public IReadOnlyList<(string Name, string Value)> Headers => _headers;

    public bool IsRequest => Method is not null;

    public string? Header(string name) => _headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> HeaderValues(string name) =>
        _headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string CallId => Header("Call-ID") ?? string.Empty;

    /// <summary>CSeq number and method.</summary>
    public (long Number, string Method) CSeq
    {
        get
        {
            var value = Header("CSeq") ?? string.Empty;
            var space = value.IndexOf(' ');
            return space < 0
                ? (0, value)
                : (long.TryParse(value[..space], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0, value[(space + 1)..].Trim());
        }
    }

    /// <summary>The branch parameter of the top Via.</summary>
    public string Branch
    {
        get
        {
            var via = Header("Via") ?? string.Empty;
            var i = via.IndexOf("branch=", StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                return string.Empty;
            }

            var end = via.IndexOfAny([';', ',', ' '], i + 7);
            return end < 0 ? via[(i + 7)..] : via[(i + 7)..end];
        }
    }

    /// <summary>The tag of a From or To header value, or null.</summary>
    public static string? Tag(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var i = header.IndexOf(";tag=", StringComparison.OrdinalIgnoreCase);
        if (i < 0)
        {
            return null;
        }

        var end = header.IndexOfAny([';', ' ', '>'], i + 5);
        return end < 0 ? header[(i + 5)..] : header[(i + 5)..end];
    }

    /// <summary>Parses one UDP datagram; null when it is not a SIP message.</summary>
    public static SipMessage? Parse(ReadOnlySpan<byte> datagram)
    {
        var text = Encoding.UTF8.GetString(datagram);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var separatorLength = 4;
        if (headerEnd < 0)
        {
            headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
            separatorLength = 2;
        }

        var head = headerEnd < 0 ? text : text[..headerEnd];
        var lines = head.Split('\n');
        var start = lines[0].TrimEnd('\r');
        if (start.Length == 0)
        {
            return null;
        }

        SipMessage message;
        if (start.StartsWith("SIP/2.0 ", StringComparison.Ordinal))
        {
            var code = start.Length >= 11 && int.TryParse(start.AsSpan(8, 3), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : 0;
            message = new SipMessage(start) { StatusCode = code };
        }
        else
        {
            var parts = start.Split(' ');
            if (parts.Length != 3 || parts[2] != "SIP/2.0")
            {
                return null;
            }

            message = new SipMessage(start) { Method = parts[0] };
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if ((line[0] == ' ' || line[0] == '\t') && message._headers.Count > 0)
            {
                var last = message._headers[^1];
                message._headers[^1] = (last.Name, last.Value + " " + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            if (Compact.TryGetValue(name, out var full))
            {
                name = full;
            }

            // Several Via values may share one line: split them so each can be copied into a response.
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Via", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var via in value.Split(','))
                {
                    message._headers.Add(("Via", via.Trim()));
                }
            }
            else
            {
                message._headers.Add((name, value));
            }
        }

        if (headerEnd >= 0)
        {
            var body = text[(headerEnd + separatorLength)..];
            if (message.Header("Content-Length") is { } cl && int.TryParse(cl, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) && length < body.Length)
            {
                body = body[..length];
            }

            message.Body = body;
        }

        return message;
    }
}
