namespace Orchestrator.Transport.SshConfig;

/// <summary>One hop of a ProxyJump chain: <c>[user@]host[:port]</c> or <c>ssh://[user@]host[:port]</c>.</summary>
internal sealed record JumpHop(string? User, string Host, int? Port)
{
    public override string ToString() => (User is null ? string.Empty : User + "@") + Host + (Port is { } p ? ":" + p : string.Empty);
}
