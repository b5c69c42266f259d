namespace FreeSwitch.Config.Model;

/// <summary>
/// One sofia SIP profile after pre-processing, wherever it was written (an included sip_profiles/*.xml or inline in
/// sofia.conf.xml). Values follow mod_sofia's defaults: no sip-ip or rtp-ip means <c>local_ip_v4</c>, no sip-port means 5060.
/// </summary>
public sealed class SipProfileSettings
{
    public required string Name { get; init; }

    public ConfigLocation? Location { get; init; }

    /// <summary>False when the profile has no &lt;settings&gt;: mod_sofia skips it ("No Settings, check the new config!").</summary>
    public bool HasSettings { get; init; }

    public required string SipIp { get; init; }

    /// <summary>The RTP IPs, one per rtp-ip param (mod_sofia keeps up to 50), or local_ip_v4 when none is set.</summary>
    public required IReadOnlyList<string> RtpIps { get; init; }

    public int SipPort { get; init; } = 5060;

    /// <summary><c>sip-capture</c> as switch_true() reads it: capture opens at profile start when true.</summary>
    public bool SipCapture { get; init; }

    /// <summary>The raw <c>sip-capture</c> value, or null when the profile does not set it.</summary>
    public string? SipCaptureValue { get; init; }

    public string? ExtSipIp { get; init; }

    public string? ExtRtpIp { get; init; }

    /// <summary><c>rtcp-audio-interval-msec</c>: RTCP (port+1) is used when it is set. Vanilla leaves it commented.</summary>
    public string? RtcpAudioIntervalMsec { get; init; }

    /// <summary>Other names the profile answers to: &lt;aliases&gt; and &lt;domain alias="true"&gt;.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Every param of the profile's &lt;settings&gt;, in file order.</summary>
    public IReadOnlyList<ConfigParam> Params { get; init; } = [];

    /// <summary>The URL mod_sofia shows in <c>sofia status</c>: <c>sip:mod_sofia@ip:port</c>.</summary>
    public string Url => $"sip:mod_sofia@{Bracket(ExtSipIp ?? SipIp)}:{SipPort}";

    /// <summary>The bind URL: the URL, with <c>;maddr=sip-ip</c> when an external SIP IP is set.</summary>
    public string BindUrl => ExtSipIp is null ? Url : $"{Url};maddr={SipIp}";

    /// <summary>The effective (last) value of a param, or null.</summary>
    public ConfigParam? GetParam(string name) => Params.LastOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Bracket(string ip) => ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
}
