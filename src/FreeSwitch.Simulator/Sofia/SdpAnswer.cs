using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>FreeSWITCH's side of the offer/answer: the audio codec it takes from an offer, and the SDP it answers with.</summary>
internal static class SdpAnswer
{
    public static (int Pt, string Name)? ChooseCodec(string offer)
    {
        if (offer.Length == 0)
        {
            // Late negotiation without an offer: FreeSWITCH offers its codecs in the 200.
            return (0, "PCMU");
        }

        foreach (var line in offer.Split('\n'))
        {
            var l = line.TrimEnd('\r');
            if (!l.StartsWith("m=audio ", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var pt in fields.Skip(3))
            {
                switch (pt)
                {
                    case "0":
                        return (0, "PCMU");
                    case "8":
                        return (8, "PCMA");
                    case "9":
                        return (9, "G722");
                    default:
                        break;
                }
            }
        }

        return null;
    }

    public static string Build(IPAddress ip, int port, (int Pt, string Name) codec, bool rtcp)
    {
        var family = ip.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        var id = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
        var sdp = new StringBuilder()
            .Append("v=0\r\n")
            .Append(CultureInfo.InvariantCulture, $"o=FreeSWITCH {id} {id + 1} IN {family} {ip}\r\n")
            .Append("s=FreeSWITCH\r\n")
            .Append(CultureInfo.InvariantCulture, $"c=IN {family} {ip}\r\n")
            .Append("t=0 0\r\n")
            .Append(CultureInfo.InvariantCulture, $"m=audio {port} RTP/AVP {codec.Pt} 101\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=rtpmap:{codec.Pt} {codec.Name}/8000\r\n")
            .Append("a=rtpmap:101 telephone-event/8000\r\n")
            .Append("a=fmtp:101 0-15\r\n")
            .Append("a=ptime:20\r\n")
            .Append("a=sendrecv\r\n");
        if (rtcp)
        {
            sdp.Append(CultureInfo.InvariantCulture, $"a=rtcp:{port + 1} IN {family} {ip}\r\n");
        }

        return sdp.ToString();
    }
}
