namespace Orchestrator.Transport.AdHoc;

/// <summary>An ad-hoc command for <c>orchestrator exec</c>.</summary>
public sealed record AdHocRequest(string Command)
{
    /// <summary>Hosts worked on at once (Ansible's <c>-f</c>, default 5).</summary>
    public int Forks { get; init; } = 5;

    /// <summary>Run through sudo on every host (<c>--become</c>); otherwise a host's <c>ansible_become</c> decides.</summary>
    public bool Become { get; init; }

    public string? BecomeUser { get; init; }
}
