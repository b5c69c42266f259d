using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FreeSwitch.Simulator.Tests.Support;

/// <summary>A tiny UAC for tests that need to see the SDP: INVITE, read the final answer, ACK, BYE.</summary>
internal sealed class SipTestClient : IDisposable
{
    private readonly UdpClient _udp;
    private readonly IPEndPoint _server;

    public SipTestClient(string localIp, string serverIp, int serverPort)
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Parse(localIp), 0));
        _server = new IPEndPoint(IPAddress.Parse(serverIp), serverPort);
    }

    public IPEndPoint Local => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public async Task<string> OptionsAsync()
    {
        var callId = Guid.NewGuid().ToString("N");
        await SendAsync(Request("OPTIONS", callId, 1, string.Empty));
        return await ReceiveFinalAsync();
    }

    /// <summary>Places a call and hangs it up; returns the final response to the INVITE.</summary>
    public async Task<string> CallAsync()
    {
        var callId = Guid.NewGuid().ToString("N");
        const string Sdp = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        await SendAsync(Request("INVITE", callId, 1, Sdp));
        var final = await ReceiveFinalAsync();
        var toTag = final.Split("\r\n").First(l => l.StartsWith("To:", StringComparison.Ordinal))[3..].Trim();
        await SendAsync(Request("ACK", callId, 1, string.Empty, toTag));
        if (final.StartsWith("SIP/2.0 200", StringComparison.Ordinal))
        {
            await SendAsync(Request("BYE", callId, 2, string.Empty, toTag));
            await ReceiveFinalAsync();
        }

        return final;
    }

    /// <summary>The m=audio port of a response's SDP.</summary>
    public static int AudioPort(string response)
    {
        var line = response.Split("\r\n").First(l => l.StartsWith("m=audio ", StringComparison.Ordinal));
        return int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    public void Dispose() => _udp.Dispose();

    private string Request(string method, string callId, int cseq, string body, string? to = null)
    {
        var local = Local;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} sip:service@{_server.Address}:{_server.Port} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP {local.Address}:{local.Port};branch=z9hG4bK{Guid.NewGuid():N}\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: test <sip:test@{local.Address}:{local.Port}>;tag=abc{cseq}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {to ?? $"<sip:service@{_server.Address}:{_server.Port}>"}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {callId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} {method}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Contact: <sip:test@{local.Address}:{local.Port}>\r\n")
            .Append("Max-Forwards: 70\r\n");
        if (body.Length > 0)
        {
            text.Append("Content-Type: application/sdp\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n").Append(body);
        return text.ToString();
    }

    private Task SendAsync(string text) => _udp.SendAsync(Encoding.UTF8.GetBytes(text), _server).AsTask();

    private async Task<string> ReceiveFinalAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var result = await _udp.ReceiveAsync(cts.Token);
            var text = Encoding.UTF8.GetString(result.Buffer);
            if (!text.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return text;
            }
        }
    }
}
