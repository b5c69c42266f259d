using System.Globalization;
using System.Text;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>Builds responses and requests as text with CRLF line ends.</summary>
internal sealed class SipBuilder
{
    private readonly StringBuilder _text = new(512);

    public SipBuilder(string startLine) => _text.Append(startLine).Append("\r\n");

    public SipBuilder Header(string name, string value)
    {
        _text.Append(name).Append(": ").Append(value).Append("\r\n");
        return this;
    }

    public byte[] Build(string? body = null, string? contentType = null)
    {
        body ??= string.Empty;
        if (contentType is not null)
        {
            Header("Content-Type", contentType);
        }

        Header("Content-Length", Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture));
        _text.Append("\r\n").Append(body);
        return Encoding.UTF8.GetBytes(_text.ToString());
    }
}
