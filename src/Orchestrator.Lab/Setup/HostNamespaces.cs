using System.Text;
using Orchestrator.Core.Shell;
using Orchestrator.Core.Transport;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Setup;

/// <summary>Enters and sets up a host's namespaces: the shell commands the lab runs as root inside a host.</summary>
internal static class HostNamespaces
{
    public static string NetnsPath(HostState host) => $"/run/netns/{host.Namespace}";

    /// <summary>nsenter arguments that put a command inside every namespace the host has.</summary>
    public static List<string> EnterArguments(HostState host)
    {
        var args = new List<string> { $"--net={NetnsPath(host)}" };
        if (host.MountNamespaceFile is { } mnt)
        {
            args.Add($"--mount={mnt}");
        }

        if (host.UtsNamespaceFile is { } uts)
        {
            args.Add($"--uts={uts}");
        }

        args.Add("--wd=/");
        args.Add("--");
        return args;
    }

    public static async Task<CommandResult> ExecAsync(HostState host, string command, CancellationToken cancellationToken, string? stdin = null, TimeSpan? timeout = null)
    {
        var args = EnterArguments(host);
        args.AddRange(["/bin/sh", "-c", command]);
        var result = await ProcessRunner.RunAsync(
            "nsenter",
            args,
            cancellationToken,
            stdin,
            timeout,
            new Dictionary<string, string> { ["HOME"] = "/root", ["USER"] = "root", ["LOGNAME"] = "root", ["SHELL"] = "/bin/sh" });
        return new CommandResult(result.ExitCode, result.Stdout, result.Stderr, result.Duration);
    }

    /// <summary>
    /// The script run once in a host's fresh mount namespace: its own /etc, /home and /root (overlays on
    /// the machine's, so the machine's files stay visible but never change), its own /var/log, /run and
    /// /tmp, and the lab's bin directory in front of /usr/local/bin and /usr/local/sbin so fs_cli and the
    /// systemctl shim are found by SSH sessions and by sudo's secure_path alike.
    /// </summary>
    public static string MountScript(LabLayout layout, HostState host, Scenarios.ScenarioSettings settings)
    {
        var h = layout.Host(host.Name);
        string Q(string s) => ShellQuote.Quote(s);
        var sb = new StringBuilder();
        sb.AppendLine("set -e");
        // A new mount namespace copies every nsfs bind mount the machine has (other labs' namespaces,
        // /run/netns/*). Holding them would keep those namespaces, and their veths, alive after their owners
        // delete them, so drop them here.
        // One umount for all of them: with many labs up there are hundreds.
        sb.AppendLine("findmnt -nl -t nsfs -o TARGET | xargs -r -d '\\n' umount -l 2>/dev/null || true");
        sb.AppendLine($"mount -t overlay olab-etc -o lowerdir={layout.CommonEtc}:/etc,upperdir={h}/etc,workdir={h}/etc.work /etc");
        sb.AppendLine($"mount -t overlay olab-home -o lowerdir={layout.CommonHome}:/home,upperdir={h}/home,workdir={h}/home.work /home");
        sb.AppendLine($"mount -t overlay olab-root -o lowerdir=/root,upperdir={h}/root,workdir={h}/root.work /root");
        sb.AppendLine($"mount -t overlay olab-bin -o lowerdir={layout.CommonBin}:/usr/local/bin /usr/local/bin");
        sb.AppendLine($"mount -t overlay olab-sbin -o lowerdir={layout.CommonBin}:/usr/local/sbin /usr/local/sbin");
        sb.AppendLine($"mount --bind {Q(layout.HostLog(host.Name))} /var/log");
        sb.AppendLine($"mount --bind {Q(layout.HostRun(host.Name))} /run");
        sb.AppendLine($"mount --bind {Q(layout.HostTmp(host.Name))} /tmp");
        sb.AppendLine($"hostname {Q(host.Name)}");
        sb.Append(SysctlCommands(settings));
        return sb.ToString();
    }

    /// <summary>Per-network-namespace sysctls; written through /proc so no global setting is touched.</summary>
    public static string SysctlCommands(Scenarios.ScenarioSettings settings)
    {
        var sb = new StringBuilder();
        if (settings.EphemeralRange is { } range)
        {
            sb.AppendLine($"echo {ShellQuote.Quote(range)} > /proc/sys/net/ipv4/ip_local_port_range");
        }

        sb.AppendLine($"echo {ShellQuote.Quote(settings.ReservedPorts ?? "")} > /proc/sys/net/ipv4/ip_local_reserved_ports");
        return sb.ToString();
    }

    /// <summary>The persisted form of the same sysctls, for the host's /etc/sysctl.d.</summary>
    public static string SysctlConf(Scenarios.ScenarioSettings settings)
    {
        var sb = new StringBuilder($"# orchestrator lab, scenario {settings.Scenario}\n");
        if (settings.EphemeralRange is { } range)
        {
            sb.Append("net.ipv4.ip_local_port_range = ").Append(range).Append('\n');
        }

        if (!string.IsNullOrEmpty(settings.ReservedPorts))
        {
            sb.Append("net.ipv4.ip_local_reserved_ports = ").Append(settings.ReservedPorts).Append('\n');
        }

        return sb.ToString();
    }
}
