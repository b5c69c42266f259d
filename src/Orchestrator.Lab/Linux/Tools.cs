using Orchestrator.Core.Errors;

namespace Orchestrator.Lab.Linux;

/// <summary>The programs the lab drives, and the package that provides each, for a clear error when one is missing.</summary>
internal static class Tools
{
    private static readonly (string Program, string Package)[] Required =
    [
        ("ip", "iproute2"),
        ("nsenter", "util-linux"),
        ("unshare", "util-linux"),
        ("findmnt", "util-linux"),
        ("mount", "mount"),
        ("umount", "mount"),
        ("setsid", "util-linux"),
        ("sshd", "openssh-server"),
        ("ssh-keygen", "openssh-client"),
        ("openssl", "openssl"),
        ("sudo", "sudo"),
        ("python3", "python3"),
    ];

    public static string? Find(string program)
    {
        foreach (var dir in ProcessRunner.StandardPath.Split(':'))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static void EnsureAvailable(params (string Program, string Package)[] extra)
    {
        var missing = Required.Concat(extra).Where(t => Find(t.Program) is null).ToList();
        if (missing.Count > 0)
        {
            throw new UserInputException(
                "the lab needs " + string.Join(", ", missing.Select(m => $"`{m.Program}` (Debian package {m.Package})")) +
                ", not found on PATH; run scripts/install-deps.sh as root");
        }
    }
}
