using System.Text;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Setup;

/// <summary>
/// Writes <c>common/</c>: the layers every host's overlays share, on top of the machine's own /etc and
/// /home. Written once before any host mounts it and never changed afterwards (a host's changes land in
/// its own upper layer).
/// </summary>
internal static class CommonLayer
{
    public static async Task WriteAsync(LabLayout layout, LabState state, LabUsers users, string clientPublicKey, string sudoPassword, CancellationToken cancellationToken)
    {
        var etc = layout.CommonEtc;
        Directory.CreateDirectory(etc);
        Directory.CreateDirectory(layout.CommonHome);
        Directory.CreateDirectory(layout.CommonBin);

        var hash = (await ProcessRunner.RunAsync("openssl", ["passwd", "-6", "-stdin"], cancellationToken, stdin: sudoPassword + "\n"))
            .EnsureSuccess("openssl passwd").Stdout.Trim();

        WriteAccountFile(etc, "passwd", users, u => $"{u.Name}:x:{u.Id}:{u.Id}:Orchestrator lab user:/home/{u.Name}:/bin/bash");
        WriteAccountFile(etc, "shadow", users, u => $"{u.Name}:{(u.Name == users.PasswordUser ? hash : "*")}::0:99999:7:::");
        WriteAccountFile(etc, "group", users, u => $"{u.Name}:x:{u.Id}:");
        WriteAccountFile(etc, "gshadow", users, u => $"{u.Name}:!::");

        var hosts = new StringBuilder(File.Exists("/etc/hosts") ? await File.ReadAllTextAsync("/etc/hosts", cancellationToken) : "127.0.0.1\tlocalhost\n");
        hosts.Append('\n').Append("# orchestrator lab ").Append(state.Name).Append('\n');
        foreach (var h in state.Hosts.Append(state.Homer!))
        {
            hosts.Append(h.Address).Append('\t').Append(h.Name).Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(etc, "hosts"), hosts.ToString(), cancellationToken);

        var sudoers = Path.Combine(etc, "sudoers.d");
        Directory.CreateDirectory(sudoers);
        var sudoersFile = Path.Combine(sudoers, "orchestrator-lab");
        await File.WriteAllTextAsync(
            sudoersFile,
            $"# orchestrator lab: {users.Login} becomes root without a password, {users.PasswordUser} with its password.\n" +
            $"{users.Login} ALL=(ALL:ALL) NOPASSWD: ALL\n{users.PasswordUser} ALL=(ALL:ALL) ALL\n",
            cancellationToken);
        NativeMethods.ChmodOrThrow(sudoersFile, "0440");

        var ssh = Path.Combine(etc, "ssh");
        var keys = Path.Combine(ssh, "lab_authorized_keys");
        Directory.CreateDirectory(keys);
        await File.WriteAllTextAsync(Path.Combine(ssh, "sshd_config"), SshdConfig.Compose(null), cancellationToken);
        foreach (var user in users.Names.Append("root"))
        {
            await File.WriteAllTextAsync(Path.Combine(keys, user), clientPublicKey.Trim() + "\n", cancellationToken);
        }

        foreach (var (name, id) in new[] { (users.Login, users.LoginId), (users.PasswordUser, users.PasswordUserId) })
        {
            var home = Path.Combine(layout.CommonHome, name);
            Directory.CreateDirectory(home);
            NativeMethods.ChmodOrThrow(home, "0700");
            NativeMethods.ChownOrThrow(home, id, id);
        }
    }

    private static void WriteAccountFile(string etc, string name, LabUsers users, Func<(string Name, int Id), string> line)
    {
        var source = Path.Combine("/etc", name);
        var names = users.Names.ToHashSet(StringComparer.Ordinal);
        var lines = File.Exists(source)
            ? File.ReadAllLines(source).Where(l => !names.Contains(l.Split(':')[0])).ToList()
            : [];
        lines.Add(line((users.Login, users.LoginId)));
        lines.Add(line((users.PasswordUser, users.PasswordUserId)));
        var target = Path.Combine(etc, name);
        File.WriteAllText(target, string.Join('\n', lines) + "\n");
        // As Debian has them: the shadow files are not world-readable.
        NativeMethods.ChmodOrThrow(target, name.Contains("shadow", StringComparison.Ordinal) ? "0640" : "0644");
    }
}
