namespace FreeSwitch.Config.Model;

/// <summary>
/// A parsed <c>capture-server</c> value: <c>udp:&lt;host&gt;:&lt;port&gt;[;hep=N][;capture_id=N]</c>, checked exactly as
/// sofia-sip's <c>tport_open_log()</c> does (libsofia-sip-ua/tport/tport_logging.c).
/// </summary>
public sealed record CaptureServer(string Raw, string Host, int Port, int HepVersion, uint CaptureId)
{
    public const int DefaultHepVersion = 3;

    public const uint DefaultCaptureId = 200;

    /// <summary>
    /// Parses a value. On failure <paramref name="error"/> says why (sofia-sip's own log text) and FreeSWITCH opens
    /// no capture socket; the failure is only logged at sofia-sip debug level there.
    /// </summary>
    public static bool TryParse(string? value, out CaptureServer? server, out string? error)
    {
        server = null;
        if (string.IsNullOrEmpty(value))
        {
            error = "capture-server is not set";
            return false;
        }

        if (!value.StartsWith("udp:", StringComparison.Ordinal))
        {
            error = $"capturing: only the udp protocol is supported [{value}]";
            return false;
        }

        var rest = value[4..];
        if (rest.Length == 0)
        {
            error = "malformed ip address: nothing after udp:";
            return false;
        }

        // strrchr(p + 1, ':'): the port follows the last ':' after the host's first character.
        var colon = rest.Length > 1 ? rest.LastIndexOf(':') : -1;
        if (colon < 1)
        {
            error = "no host or port specified";
            return false;
        }

        var host = rest[..colon];
        var portAndParams = rest[(colon + 1)..];
        var port = FreeSwitchValues.Atoi(portAndParams);
        if (port < 1024 || port > 65536)
        {
            error = $"invalid port number {FreeSwitchValues.Format(port)}; must be in [1024,65536]";
            return false;
        }

        var hep = DefaultHepVersion;
        var captureId = DefaultCaptureId;
        var p = 0;
        while (true)
        {
            var semi = portAndParams.IndexOf(';', p + 1 > portAndParams.Length ? portAndParams.Length : p + 1);
            if (semi < 0)
            {
                break;
            }

            var next = portAndParams.IndexOf(';', semi + 1);
            var param = next < 0 ? portAndParams[(semi + 1)..] : portAndParams[(semi + 1)..next];
            if (param.StartsWith("hep=", StringComparison.Ordinal))
            {
                var v = FreeSwitchValues.Atoi(param[4..]);
                if (v is < 1 or > 3)
                {
                    error = $"invalid hep version number [{param[4..]}]; must be in [1-3]";
                    return false;
                }

                hep = (int)v;
            }
            else if (param.StartsWith("capture_id=", StringComparison.Ordinal))
            {
                var v = FreeSwitchValues.Atoi(param[11..]);
                if (v == 0)
                {
                    error = $"invalid capture id number [{param[11..]}]; must be a non-zero uint32";
                    return false;
                }

                captureId = unchecked((uint)v);
            }
            else
            {
                error = $"unsupported capture param [{param}]; only hep= and capture_id= are allowed";
                return false;
            }

            p = semi;
        }

        if (host.StartsWith('['))
        {
            if (!host.EndsWith(']'))
            {
                error = "bracket not closed";
                return false;
            }

            host = host[1..^1];
        }

        server = new CaptureServer(value, host, (int)port, hep, captureId);
        error = null;
        return true;
    }
}
