namespace Orchestrator.Lab;

/// <summary>
/// Where everything lives in a lab directory. <c>common/</c> holds the read-only layers every host shares;
/// <c>hosts/H/</c> holds one host's upper layers and bind-mount sources; <c>ns/</c> (a private bind mount)
/// holds the nsfs files that keep the hosts' mount and UTS namespaces alive.
/// </summary>
internal sealed class LabLayout
{
    public LabLayout(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string StateFile => Path.Combine(Root, State.LabState.FileName);

    public string Inventory => Path.Combine(Root, "inventory.yml");

    public string KnownHosts => Path.Combine(Root, "known_hosts");

    public string ClientKey => Path.Combine(Root, "id_ed25519");

    public string ClientPublicKey => ClientKey + ".pub";

    public string SudoPasswordFile => Path.Combine(Root, "sudo-password");

    public string NamespaceDir => Path.Combine(Root, "ns");

    public string Common => Path.Combine(Root, "common");

    public string CommonEtc => Path.Combine(Common, "etc");

    public string CommonHome => Path.Combine(Common, "home");

    public string CommonBin => Path.Combine(Common, "bin");

    public string HostsDir => Path.Combine(Root, "hosts");

    public string HomerDir => Path.Combine(Root, "homer");

    public string CallsDir => Path.Combine(Root, "calls");

    public string Host(string host) => Path.Combine(HostsDir, host);

    /// <summary>The upper (writable) layer of a host's /etc overlay.</summary>
    public string HostEtc(string host) => Path.Combine(Host(host), "etc");

    /// <summary>The host's /var/log (a bind mount, readable from outside while the lab runs).</summary>
    public string HostLog(string host) => Path.Combine(Host(host), "log");

    /// <summary>The host's /run (a bind mount).</summary>
    public string HostRun(string host) => Path.Combine(Host(host), "run");

    public string HostTmp(string host) => Path.Combine(Host(host), "tmp");

    public string FreeSwitchLog(string host) => Path.Combine(HostLog(host), "freeswitch", "freeswitch.log");

    public string MountNamespaceFile(string host) => Path.Combine(NamespaceDir, host + ".mnt");

    public string UtsNamespaceFile(string host) => Path.Combine(NamespaceDir, host + ".uts");

    /// <summary>Everything the lab writes in its directory, removed by <c>lab down</c>.</summary>
    public IEnumerable<string> CreatedEntries =>
    [
        Inventory, KnownHosts, ClientKey, ClientPublicKey, SudoPasswordFile, NamespaceDir, Common, HostsDir, HomerDir, CallsDir,
    ];
}
