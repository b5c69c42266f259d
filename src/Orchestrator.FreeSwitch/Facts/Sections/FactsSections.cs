namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>The sections of the facts script, each once: the script is composed from these lists, in this order, and each is parsed by its own object.</summary>
internal static class FactsSections
{
    public static readonly ProcessIdsSection ProcessIds = new();
    public static readonly ConfDirSection ConfDir = new();
    public static readonly ConfTarSection ConfTar = new();
    public static readonly AddressesSection Addresses = new();
    public static readonly LogFileSection LogFile = new();
    public static readonly SocketTableSection SocketTable = new();
    public static readonly SocketFdsSection SocketFds = new();
    public static readonly HostnameSection Hostname = new();
    public static readonly PortRangeSection PortRange = new();
    public static readonly ReservedPortsSection ReservedPorts = new();
    public static readonly ProcessStartSection ProcessStart = new();
    public static readonly BindErrorsSection BindErrors = new();

    public static readonly VersionSection Version = new();
    public static readonly SofiaStatusSection SofiaStatus = new();
    public static readonly ProfileStatusSection ProfileStatus = new();
    public static readonly CallsSection Calls = new();
    public static readonly IReadOnlyList<RuntimeVariableSection> RuntimeVariables = [new("local_ip_v4"), new("local_ip_v6"), new("hostname")];
    public static readonly ResolveSection Resolve = new();

    /// <summary>
    /// The system part (no password needed), in script order. <see cref="BindErrors"/> comes last: its presence tells the
    /// controller that the whole part arrived.
    /// </summary>
    public static readonly IReadOnlyList<ScriptSection> System =
        [ProcessIds, ConfDir, ConfTar, Addresses, LogFile, SocketTable, SocketFds, Hostname, PortRange, ReservedPorts, ProcessStart, BindErrors];

    /// <summary>
    /// The API part, in script order: <see cref="ProfileStatus"/> reads <see cref="SofiaStatus"/>'s reply, so it follows
    /// it. The runtime variables and the capture host's addresses come last.
    /// </summary>
    public static readonly IReadOnlyList<ScriptSection> Api =
        [Version, SofiaStatus, ProfileStatus, Calls, .. RuntimeVariables, Resolve];

    /// <summary>The sections the fast socket probe prints (always the POSIX bodies).</summary>
    public static readonly IReadOnlyList<ScriptSection> Sockets = [ProcessIds, SocketTable, SocketFds, PortRange, ReservedPorts];
}
