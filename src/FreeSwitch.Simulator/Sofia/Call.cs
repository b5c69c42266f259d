using System.Net;
using System.Net.Sockets;

namespace FreeSwitch.Simulator.Sofia;

/// <summary>One inbound call on a profile (a FreeSWITCH channel).</summary>
internal sealed class Call
{
    public required string Uuid { get; init; }

    public required string CallId { get; init; }

    public required string ChannelName { get; init; }

    public required IPEndPoint Remote { get; set; }

    public required string ToTag { get; init; }

    public required long CreatedAt { get; init; }

    /// <summary>The INVITE's From (our To in a BYE we send) and To (our From).</summary>
    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public string? RemoteContact { get; set; }

    public IPAddress? RtpIp { get; set; }

    public int RtpPort { get; set; }

    public Socket? RtpSocket { get; set; }

    public Socket? RtcpSocket { get; set; }

    public bool Answered { get; set; }

    public bool Acked { get; set; }

    /// <summary>The last final response to the INVITE, resent on retransmission.</summary>
    public byte[]? InviteResponse { get; set; }

    public long InviteCSeq { get; set; }

    public string InviteBranch { get; set; } = string.Empty;

    public string? LocalSdp { get; set; }
}
