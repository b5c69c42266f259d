namespace Orchestrator.Lab.Setup;

/// <summary>The sshd_config every lab host runs, and how extra lines (from tests) are merged into it.</summary>
internal static class SshdConfig
{
    public const string Path = "/etc/ssh/sshd_config";

    public const string PidFile = "/run/sshd.pid";

    public const string LogFile = "/var/log/sshd.log";

    public static readonly IReadOnlyList<string> BaseLines =
    [
        "Port 22",
        "AddressFamily inet",
        "HostKey /etc/ssh/ssh_host_ed25519_key",
        "PermitRootLogin yes",
        "PubkeyAuthentication yes",
        "PasswordAuthentication yes",
        "KbdInteractiveAuthentication no",
        // PAM would need a login session manager this lab does not run; sshd reads /etc/shadow itself.
        "UsePAM no",
        "AuthorizedKeysFile /etc/ssh/lab_authorized_keys/%u",
        "PidFile " + PidFile,
        "PrintMotd no",
        "X11Forwarding no",
        "MaxStartups 100:30:200",
        "MaxSessions 64",
        "LogLevel INFO",
        "Subsystem sftp /usr/lib/openssh/sftp-server",
    ];

    /// <summary>
    /// The base lines whose keyword the extra lines do not set, then the extra lines. sshd keeps the first
    /// value it reads, so an overridden keyword must go; extra lines come last so a <c>Match</c> block
    /// among them does not swallow the base lines.
    /// </summary>
    public static string Compose(IReadOnlyList<string>? extraLines)
    {
        var extra = extraLines ?? [];
        // Only lines before the first Match are global; inside a Match they apply to some connections only.
        var overridden = extra
            .Select(l => l.Trim())
            .TakeWhile(l => !Keyword(l).Equals("Match", StringComparison.OrdinalIgnoreCase))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(Keyword)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var lines = new List<string> { "# Written by orchestrator lab. Extra lines, if any, come last." };
        lines.AddRange(BaseLines.Where(l => !overridden.Contains(Keyword(l))));
        lines.AddRange(extra);
        return string.Join('\n', lines) + "\n";
    }

    private static string Keyword(string line)
    {
        var end = line.IndexOfAny([' ', '\t', '=']);
        return end < 0 ? line : line[..end];
    }
}
