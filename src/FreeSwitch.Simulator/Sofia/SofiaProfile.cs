using System.Globalization;
using System.Net;
using FreeSwitch.Config.Model;
using FreeSwitch.Simulator.Hosting;
using FreeSwitch.Simulator.Logging;
using FreeSwitch.Simulator.Media;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>
/// One sofia SIP profile: a UDP SIP socket on sip-ip:sip-port that answers OPTIONS and INVITEs (RTP from the per-IP
/// allocator, 488 with FreeSWITCH's log lines when the RTP bind fails), a capture socket changed on the profile's own
/// loop, and HEP for every message in or out while capture is on. The sockets live in <see cref="SipTransport"/>;
/// the profile holds the calls.
/// </summary>
internal sealed class SofiaProfile : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly CoreState _core;
    private readonly Dictionary<string, Call> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Response, long At)> _finished = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly SipTransport _transport;
    private ITimer? _sweep;

    public SofiaProfile(SipProfileSettings settings, CoreState core)
    {
        Settings = settings;
        _core = core;
        _transport = new SipTransport(core, _lock);
    }

    public SipProfileSettings Settings { get; }

    public string Name => Settings.Name;

    public bool Running { get; private set; }

    public long StartedAt { get; private set; }

    public bool SipTrace
    {
        get => _transport.SipTrace;
        set => _transport.SipTrace = value;
    }

    public uint CallsIn { get; private set; }

    public uint FailedCallsIn { get; private set; }

    public uint CallsOut => 0;

    public uint FailedCallsOut => 0;

    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>The capture socket's local endpoint, when one is open (tests and diagnostics; FreeSWITCH has no such API).</summary>
    public IPEndPoint? CaptureEndPoint => _transport.CaptureEndPoint;

    /// <summary>Binds the SIP socket and opens capture when sip-capture is yes. False (logged) when the bind fails.</summary>
    public bool Start()
    {
        if (!IPAddress.TryParse(Settings.SipIp, out var ip))
        {
            LogStartFailure($"invalid sip-ip [{Settings.SipIp}]");
            return false;
        }

        if (_transport.Bind(new IPEndPoint(ip, Settings.SipPort)) is { } error)
        {
            LogStartFailure(error);
            return false;
        }

        if (Settings.SipCapture)
        {
            _transport.ApplyCapture(_core.CaptureServerValue);
        }

        StartedAt = _core.Time.GetTimestamp();
        Running = true;
        _transport.Start(Handle, _stop.Token);
        _sweep = _core.Time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        _core.Log.Log(FsLogLevel.Notice, "sofia.c", 3467, $"Started Profile {Name} [sofia_reg_{Name}]");
        return true;
    }

    /// <summary>TPTAG_CAPT(on ? capture-server : NULL), posted to the profile's loop: the socket changes shortly after the API returns.</summary>
    public void RequestCapture(bool on) => _transport.RequestCapture(on ? _core.CaptureServerValue : null);

    public async ValueTask DisposeAsync()
    {
        if (!Running && !_transport.IsBound)
        {
            return;
        }

        Running = false;
        await _stop.CancelAsync();
        _sweep?.Dispose();
        await _transport.StopAsync();
        lock (_lock)
        {
            foreach (var call in _calls.Values.ToList())
            {
                Hangup(call, "NORMAL_CLEARING", sendBye: true);
            }

            _transport.Dispose();
        }

        _core.Log.Log(FsLogLevel.Notice, "sofia.c", 3320, $"Write lock {Name}");
        _stop.Dispose();
    }

    private void LogStartFailure(string reason)
    {
        _core.Log.Log(FsLogLevel.Err, "sofia.c", 3364,
            $"Error Creating SIP UA for profile: {Name} ({Settings.BindUrl}) The likely causes for this are:\n" +
            "1) Another application is already listening on the specified address.\n" +
            "2) The IP the profile is attempting to bind to is not local to this system.\n" +
            $"({reason})");
    }

    private void Handle(ReadOnlyMemory<byte> data, IPEndPoint remote)
    {
        var message = SipMessage.Parse(data.Span);
        if (message is null || !message.IsRequest)
        {
            return;
        }

        switch (message.Method)
        {
            case "INVITE":
                OnInvite(message, remote);
                break;
            case "ACK":
                OnAck(message);
                break;
            case "BYE":
                OnBye(message, remote);
                break;
            case "CANCEL":
                OnCancel(message, remote);
                break;
            case "OPTIONS":
                Send(Response(message, 200, "OK", remote)
                    .Header("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, REFER, NOTIFY")
                    .Header("Supported", "timer, path, replaces")
                    .Header("Accept", "application/sdp")
                    .Build(), remote);
                break;
            default:
                Send(Response(message, 501, "Not Implemented", remote).Build(), remote);
                break;
        }
    }

    private void OnInvite(SipMessage invite, IPEndPoint remote)
    {
        var (cseq, _) = invite.CSeq;
        if (_calls.TryGetValue(invite.CallId, out var existing))
        {
            if (existing.InviteCSeq == cseq && existing.InviteBranch == invite.Branch && existing.InviteResponse is { } again)
            {
                Send(again, remote);
                return;
            }

            // A re-INVITE: keep the media, answer with the same SDP.
            existing.InviteCSeq = cseq;
            existing.InviteBranch = invite.Branch;
            existing.InviteResponse = Response(invite, 200, "OK", remote, existing.ToTag).Header("Contact", ContactHeader()).Build(existing.LocalSdp, "application/sdp");
            Send(existing.InviteResponse, remote);
            return;
        }

        if (_finished.TryGetValue(FinishedKey(invite.CallId, cseq), out var finished))
        {
            Send(finished.Response, remote);
            return;
        }

        var uuid = Guid.NewGuid().ToString("D");
        var call = new Call
        {
            Uuid = uuid,
            CallId = invite.CallId,
            ChannelName = $"sofia/{Name}/{SipHeaders.UserAtHost(invite.Header("From"))}",
            Remote = remote,
            ToTag = SipHeaders.NewTag(),
            CreatedAt = _core.Time.GetTimestamp(),
            From = invite.Header("From") ?? string.Empty,
            To = invite.Header("To") ?? string.Empty,
            RemoteContact = SipHeaders.ContactUri(invite.Header("Contact")),
            InviteCSeq = cseq,
            InviteBranch = invite.Branch,
        };
        CallsIn++;
        _core.SessionCreated();
        _core.Log.Log(FsLogLevel.Notice, "switch_channel.c", 1142, $"New Channel {call.ChannelName} [{uuid}]", uuid);
        Send(Response(invite, 100, "Trying", remote).Build(), remote);

        var offer = invite.Body;
        var codec = SdpAnswer.ChooseCodec(offer);
        if (codec is null)
        {
            Fail(call, invite, remote, offer, bindFailed: false);
            return;
        }

        var rtpIpText = Settings.RtpIps[0];
        if (!IPAddress.TryParse(rtpIpText, out var rtpIp))
        {
            Fail(call, invite, remote, offer, bindFailed: false);
            return;
        }

        var allocator = _core.Allocator(rtpIp);
        if (allocator.Request() is not { } port)
        {
            _core.Log.Log(FsLogLevel.Crit, "switch_core_media.c", 8556, "No audio RTP ports available!", uuid);
            FinishFailed(call, invite, remote, 502, "Bad Gateway", "DESTINATION_OUT_OF_ORDER", 27);
            return;
        }

        call.RtpIp = rtpIp;
        call.RtpPort = port;
        call.RtpSocket = RtpSockets.Bind(rtpIp, port, out _);
        if (call.RtpSocket is null)
        {
            _core.Log.Log(FsLogLevel.Err, "switch_core_media.c", 9648, $"AUDIO RTP REPORTS ERROR: [Bind Error! {rtpIp}:{port}]", uuid);
            allocator.Free(port);
            Fail(call, invite, remote, offer, bindFailed: true);
            return;
        }

        if (Settings.RtcpAudioIntervalMsec is not null)
        {
            call.RtcpSocket = RtpSockets.Bind(rtpIp, port + 1, out _);
            if (call.RtcpSocket is null)
            {
                // Robustness does not cover this: the call goes on without RTCP.
                _core.Log.Log(FsLogLevel.Err, "switch_rtp.c", 2828, "Error allocating rtcp [RTCP Bind Error!]", uuid);
            }
        }

        call.LocalSdp = SdpAnswer.Build(Settings.ExtRtpIp is { } ext && IPAddress.TryParse(ext, out var extIp) ? extIp : rtpIp, port, codec.Value, call.RtcpSocket is not null);
        call.Answered = true;
        _calls[call.CallId] = call;
        call.InviteResponse = Response(invite, 200, "OK", remote, call.ToTag)
            .Header("Contact", ContactHeader())
            .Header("Accept", "application/sdp")
            .Header("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, REFER, NOTIFY")
            .Header("Supported", "timer, path, replaces")
            .Header("Content-Disposition", "session")
            .Build(call.LocalSdp, "application/sdp");
        Send(call.InviteResponse, remote);
    }

    /// <summary>The call is refused with 488: FreeSWITCH logs the SDP it could not use and hangs up INCOMPATIBLE_DESTINATION.</summary>
    private void Fail(Call call, SipMessage invite, IPEndPoint remote, string offer, bool bindFailed)
    {
        _ = bindFailed;
        _core.Log.Log(FsLogLevel.Warning, "mod_sofia.c", 2588, $"CODEC NEGOTIATION ERROR.  SDP:\n{(offer.Length == 0 ? "NO SDP!" : offer)}\n", call.Uuid);
        FinishFailed(call, invite, remote, 488, "Not Acceptable Here", "INCOMPATIBLE_DESTINATION", 88);
    }

    private void FinishFailed(Call call, SipMessage invite, IPEndPoint remote, int code, string reason, string cause, int q850)
    {
        FailedCallsIn++;
        var response = Response(invite, code, reason, remote, call.ToTag)
            .Header("Reason", $"Q.850;cause={q850};text=\"{cause}\"")
            .Build();
        _finished[FinishedKey(call.CallId, call.InviteCSeq)] = (response, _core.Time.GetTimestamp());
        Send(response, remote);
        _core.Log.Log(FsLogLevel.Notice, "switch_core_state_machine.c", 613, $"Hangup {call.ChannelName} [CS_EXECUTE] [{cause}]", call.Uuid);
        _core.SessionDestroyed();
    }

    private void OnAck(SipMessage ack)
    {
        if (_calls.TryGetValue(ack.CallId, out var call))
        {
            call.Acked = true;
        }
    }

    private void OnBye(SipMessage bye, IPEndPoint remote)
    {
        if (!_calls.TryGetValue(bye.CallId, out var call))
        {
            if (_finished.TryGetValue(FinishedKey(bye.CallId, -bye.CSeq.Number), out var again))
            {
                Send(again.Response, remote);
                return;
            }

            Send(Response(bye, 481, "Call Does Not Exist", remote).Build(), remote);
            return;
        }

        var ok = Response(bye, 200, "OK", remote).Build();
        _finished[FinishedKey(bye.CallId, -bye.CSeq.Number)] = (ok, _core.Time.GetTimestamp());
        Send(ok, remote);
        Hangup(call, "NORMAL_CLEARING", sendBye: false);
    }

    private void OnCancel(SipMessage cancel, IPEndPoint remote)
    {
        var known = _calls.ContainsKey(cancel.CallId) || _finished.ContainsKey(FinishedKey(cancel.CallId, cancel.CSeq.Number));
        Send(known ? Response(cancel, 200, "OK", remote).Build() : Response(cancel, 481, "Call/Transaction Does Not Exist", remote).Build(), remote);
    }

    private void Hangup(Call call, string cause, bool sendBye)
    {
        _calls.Remove(call.CallId);

        // A late retransmission of the INVITE must not start a new call.
        if (call.InviteResponse is { } answered)
        {
            _finished[FinishedKey(call.CallId, call.InviteCSeq)] = (answered, _core.Time.GetTimestamp());
        }

        call.RtpSocket?.Dispose();
        call.RtcpSocket?.Dispose();
        if (call.RtpIp is not null && call.RtpPort != 0)
        {
            _core.Allocator(call.RtpIp).Free(call.RtpPort);
        }

        if (sendBye && _transport.IsBound)
        {
            Send(new SipBuilder($"BYE {call.RemoteContact ?? $"sip:{call.Remote.Address}:{call.Remote.Port}"} SIP/2.0")
                .Header("Via", $"SIP/2.0/UDP {SipHeaders.HostPort(_transport.Local)};rport;branch=z9hG4bK{SipHeaders.NewTag()}")
                .Header("Max-Forwards", "70")
                .Header("From", SipHeaders.WithTag(call.To, call.ToTag))
                .Header("To", call.From)
                .Header("Call-ID", call.CallId)
                .Header("CSeq", "1 BYE")
                .Header("User-Agent", CoreState.UserAgent)
                .Header("Reason", $"Q.850;cause=16;text=\"{cause}\"")
                .Build(), call.Remote);
        }

        _core.Log.Log(FsLogLevel.Notice, "switch_core_state_machine.c", 613, $"Hangup {call.ChannelName} [CS_EXECUTE] [{cause}]", call.Uuid);
        _core.SessionDestroyed();
    }

    /// <summary>Every 5 s: hang up calls never ACKed (32 s, timer H) or past rtp-timeout-sec, and forget old transactions.</summary>
    private void Sweep()
    {
        var now = _core.Time.GetTimestamp();
        var rtpTimeout = Settings.GetParam("rtp-timeout-sec") is { } p && FreeSwitchValues.Atoi(p.Value) is > 0 and var s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        lock (_lock)
        {
            if (!Running)
            {
                return;
            }

            foreach (var call in _calls.Values.ToList())
            {
                var age = _core.Time.GetElapsedTime(call.CreatedAt, now);
                if (!call.Acked && age > TimeSpan.FromSeconds(32))
                {
                    Hangup(call, "RECOVERY_ON_TIMER_EXPIRE", sendBye: true);
                }
                else if (rtpTimeout is { } limit && age > limit)
                {
                    Hangup(call, "MEDIA_TIMEOUT", sendBye: true);
                }
            }

            foreach (var key in _finished.Where(f => _core.Time.GetElapsedTime(f.Value.At, now) > TimeSpan.FromSeconds(32)).Select(f => f.Key).ToList())
            {
                _finished.Remove(key);
            }
        }
    }

    private SipBuilder Response(SipMessage request, int code, string reason, IPEndPoint remote, string? toTag = null)
    {
        var builder = new SipBuilder($"SIP/2.0 {code.ToString(CultureInfo.InvariantCulture)} {reason}");
        var first = true;
        foreach (var via in request.HeaderValues("Via"))
        {
            builder.Header("Via", first ? SipHeaders.StampVia(via, remote) : via);
            first = false;
        }

        var to = request.Header("To") ?? string.Empty;
        builder.Header("From", request.Header("From") ?? string.Empty)
            .Header("To", toTag is not null && code > 100 && SipMessage.Tag(to) is null ? SipHeaders.WithTag(to, toTag) : to)
            .Header("Call-ID", request.CallId)
            .Header("CSeq", request.Header("CSeq") ?? string.Empty)
            .Header("User-Agent", CoreState.UserAgent);
        return builder;
    }

    private string ContactHeader() => $"<sip:mod_sofia@{SipHeaders.HostPort(_transport.Local)};transport=udp>";

    private void Send(byte[] datagram, IPEndPoint remote) => _transport.Send(datagram, remote);

    private static string FinishedKey(string callId, long cseq) => callId + "\n" + cseq.ToString(CultureInfo.InvariantCulture);
}
