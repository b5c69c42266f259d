using System.Security.Cryptography;
using System.Text;
using Orchestrator.Lab;
using Orchestrator.Transport.Retry;

namespace Orchestrator.Transport.Tests.Support;

/// <summary>
/// One lab (real sshd per host in network namespaces) per test class, as an xunit class fixture: brought
/// up once, taken down after the class's last test even when tests fail. Lab names start with "tr".
/// </summary>
public abstract class TransportLab : IAsyncLifetime
{
    private static readonly string CheckoutTag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..4];

    private readonly string _purpose;
    private readonly int _hosts;
    private LabFleet? _lab;

    protected TransportLab(string purpose, int hosts)
    {
        _purpose = purpose;
        _hosts = hosts;
    }

    public LabFleet Lab => _lab ?? throw new InvalidOperationException("the lab did not come up");

    /// <summary>An empty home directory, so the machine's own ~/.ssh never takes part.</summary>
    public string Home { get; } = Path.Combine(Path.GetTempPath(), "orchestrator-transport-tests", "home-" + Guid.NewGuid().ToString("N")[..8]);

    public virtual async Task InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("the transport's lab tests need root (network namespaces, per-host sshd); run them as root.");
        }

        Directory.CreateDirectory(Home);
        var name = $"tr{_purpose}-{CheckoutTag}";
        var directory = Path.Combine(Path.GetTempPath(), "orchestrator-transport-tests", "labs", name);
        // A crashed earlier run may have left this lab behind.
        await LabFleet.DownAsync(directory, CancellationToken.None);
        _lab = await LabFleet.UpAsync(new LabOptions { Name = name, Directory = directory, Hosts = _hosts }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public LabHost Host(int index) => Lab.Hosts[index];

    public string Address(int index) => Lab.Hosts[index].Address.ToString();

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

    /// <summary>Runs a command as root inside a host (not through SSH) and fails the test if it fails.</summary>
    public async Task<string> InHostAsync(int index, string command, string? stdin = null)
    {
        var result = stdin is null
            ? await Lab.ExecInHostAsync(Host(index).Name, command, CancellationToken.None)
            : await Lab.ExecInHostAsync(Host(index).Name, command, stdin, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"in-host command failed on {Host(index).Name} (rc={result.ExitCode}): {command}\n{result.Stderr}");
        }

        return result.Stdout;
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
