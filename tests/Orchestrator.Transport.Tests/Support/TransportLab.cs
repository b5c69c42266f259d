using Orchestrator.Testing.Labs;
using Orchestrator.Transport.Retry;

namespace Orchestrator.Transport.Tests.Support;

/// <summary>A lab (real sshd per host in network namespaces) per test class, and connectors to it. Lab names start with "tr".</summary>
public abstract class TransportLab(string purpose, int hosts) : LabFixture("tr" + purpose, hosts)
{
    /// <summary>A host's variables as the lab's inventory gives them (login user, lab key, lab known_hosts, strict checking).</summary>
    public Dictionary<string, object?> Variables(int index, string? user = null, string? extraSshArgs = null) => new(StringComparer.Ordinal)
    {
        ["ansible_host"] = Address(index),
        ["ansible_port"] = 22L,
        ["ansible_user"] = user ?? Lab.LoginUser,
        ["ansible_ssh_private_key_file"] = Lab.ClientPrivateKeyPath,
        ["ansible_ssh_common_args"] = $"-o UserKnownHostsFile={Lab.KnownHostsPath} -o StrictHostKeyChecking=yes" + (extraSshArgs is null ? string.Empty : " " + extraSshArgs),
    };

    /// <summary>A connector with quick retries (tests that time retries set their own).</summary>
    public HostConnector Connector(CapturingLoggerFactory? log = null, Action<TransportOptions>? configure = null)
    {
        var options = new TransportOptions
        {
            HomeDirectory = Home,
            LocalUserName = "root",
            LoggerFactory = log ?? new CapturingLoggerFactory(),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            Retry = new ConnectRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1), MaxTotalTime = TimeSpan.FromSeconds(20) },
        };
        configure?.Invoke(options);
        return new HostConnector(options);
    }

    /// <summary>Kills the sshd processes serving established connections on a host (the listener stays), as a dropped link would.</summary>
    public Task KillSshSessionsAsync(int index) => SignalSshSessionsAsync(index, "KILL");

    /// <summary>Sends a signal to the sshd processes that hold the host's established SSH connections (STOP freezes them).</summary>
    public Task SignalSshSessionsAsync(int index, string signal) => InHostAsync(index, SignalSshSessionsScript(signal));

    /// <summary>The shell command behind <see cref="SignalSshSessionsAsync"/>, for scripts that run inside the host.</summary>
    public static string SignalSshSessionsScript(string signal) =>
        $"for p in $(ss -Htnp state established '( sport = :22 )' | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do kill -{signal} $p; done";

    /// <summary>The host's sshd log (sshd writes it inside the host).</summary>
    public Task<string> SshdLogAsync(int index) => InHostAsync(index, "cat /var/log/sshd.log 2>/dev/null || true");

    /// <summary>The lab's real host key line for a host, from the lab's known_hosts.</summary>
    public string KnownHostsLine(int index) =>
        File.ReadAllLines(Lab.KnownHostsPath).First(l => l.StartsWith(Address(index) + " ", StringComparison.Ordinal));
}
