using Orchestrator.Compliance.Facts;
using Orchestrator.Compliance.Results;
using Orchestrator.Compliance.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Compliance.Tests.Checks;

/// <summary>
/// "Could not look" is never "looked and found nothing": every check whose facts could not be read is an error that says
/// why and what to do (<c>--become</c>, a missing tool), never a pass, and never a fail or a skip made up from the gap.
/// </summary>
public sealed class UnreadableFactsTests : IDisposable
{
    private const string FdsDenied = "Permission denied: /proc/4242/fd of freeswitch (pid 4242) cannot be read, so its sockets cannot be told apart; run with --become (sudo) or as FreeSWITCH's user";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, ControlResult> Evaluate(FactsBuilder facts) => CheckTests.Evaluate(_dir, facts);

    /// <summary>The sweep without --become: the sockets table is read, but not which of them are FreeSWITCH's.</summary>
    private static FactsBuilder SocketsUnreadable()
    {
        var facts = CheckTests.Healthy();
        facts.CapturePorts.Clear();
        facts.Unreadable["fds"] = FdsDenied;
        return facts;
    }

    [Fact]
    public void CapturePortsClear_SocketOwnersUnreadable_IsAnErrorNamingBecomeNotAPass()
    {
        var r = Evaluate(SocketsUnreadable())["C-CLEAR"];

        Assert.Equal(ControlStatus.Error, r.Status);
        Assert.StartsWith("cannot tell whether a capture port collides", r.Message, StringComparison.Ordinal);
        Assert.Contains("fds: Permission denied: /proc/4242/fd", r.Message, StringComparison.Ordinal);
        Assert.Contains("--become", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CapturePortsClear_SocketsPartlyUnreadable_ACollisionSeenStillFails()
    {
        var facts = SocketsUnreadable();
        facts.CapturePorts.Add(20010);

        Assert.Equal(ControlStatus.Fail, Evaluate(facts)["C-CLEAR"].Status);
    }

    [Fact]
    public void CaptureEnabled_SocketOwnersUnreadable_IsAnErrorNotAFail()
    {
        var r = Evaluate(SocketsUnreadable())["C-ENABLED"];

        Assert.Equal(ControlStatus.Error, r.Status);
        Assert.Contains("--become", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptureEnabled_CaptureServerNameUnresolved_IsAnError()
    {
        var facts = CheckTests.Healthy();
        facts.CaptureServer = "udp:homer.example:9060";
        facts.CapturePorts.Clear();
        facts.Unreadable["resolve"] = "missing tool: getent (not found in PATH=/usr/bin)";

        var results = Evaluate(facts);

        Assert.Equal(ControlStatus.Error, results["C-ENABLED"].Status);
        Assert.Contains("install it on the host", results["C-ENABLED"].Message, StringComparison.Ordinal);
        Assert.Equal(ControlStatus.Error, results["C-CLEAR"].Status);
    }

    [Fact]
    public void RuntimeChecks_WhetherFreeSwitchRunsUnknown_AreErrorsNotSkipped()
    {
        var facts = CheckTests.Healthy();
        facts.Running = false;
        facts.Unreadable["pid"] = "missing tool: pgrep (not found in PATH=/usr/bin)";

        var r = Evaluate(facts);

        Assert.All(new[] { "C-CLEAR", "C-ENABLED", "C-ROBUST" }, c => Assert.Equal(ControlStatus.Error, r[c].Status));
        Assert.StartsWith("cannot tell whether FreeSWITCH runs: missing tool: pgrep", r["C-CLEAR"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostProtected_ReservedPortsUnreadable_IsAnErrorNotAFail()
    {
        var facts = CheckTests.Healthy();
        facts.Reserved = string.Empty;
        facts.Unreadable["reserved_ports"] = "Permission denied: /proc/sys/net/ipv4/ip_local_reserved_ports";

        var r = Evaluate(facts)["C-PROTECTED"];

        Assert.Equal(ControlStatus.Error, r.Status);
        Assert.Contains("ip_local_reserved_ports could not be read", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostProtected_PortRangeUnreadable_ReservedCoversTheWholeRange_StillPasses()
    {
        var facts = CheckTests.Healthy();
        facts.Ephemeral = string.Empty;

        Assert.Equal(ControlStatus.Pass, Evaluate(facts)["C-PROTECTED"].Status);
    }

    [Fact]
    public void HostProtected_PortRangeUnreadable_NotAllReserved_IsAnError()
    {
        var facts = CheckTests.Healthy();
        facts.Ephemeral = string.Empty;
        facts.Reserved = "20000-20050";

        var r = Evaluate(facts)["C-PROTECTED"];

        Assert.Equal(ControlStatus.Error, r.Status);
        Assert.Contains("ip_local_port_range could not be read", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Robustness_StartTimeUnreadable_IsAnErrorNotAFail()
    {
        var facts = CheckTests.Healthy();
        facts.StartTimeUnknown = true;
        facts.Unreadable["process"] = "cannot read /proc/4242/stat";

        var r = Evaluate(facts)["C-ROBUST"];

        Assert.Equal(ControlStatus.Error, r.Status);
        Assert.Contains("cannot read /proc/4242/stat", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBindErrors_LogUnreadable_SaysWhyAndWhatToDo()
    {
        var facts = CheckTests.Healthy();
        facts.LogReadable = false;
        facts.LogUnreadableReason = "Permission denied: the log /var/log/freeswitch/freeswitch.log cannot be read; run with --become (sudo) or give the log to a group the login user is in";

        var r = Evaluate(facts)["C-BIND"];

        Assert.Equal(ControlStatus.Error, r.Status);
        Assert.Contains("Permission denied", r.Message, StringComparison.Ordinal);
        Assert.Contains("--become", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigChecks_ArchiveBeyondItsLimit_AreErrorsSayingSo()
    {
        var facts = CheckTests.Healthy();
        facts.ConfigError = "the configuration of /etc/freeswitch could not be transferred: the config archive exceeds 64 MiB in total (decompressed)";

        var r = Evaluate(facts);

        Assert.All(new[] { "C-SERVER", "C-PARAM", "C-CLEAR", "C-PROTECTED" }, c => Assert.Equal(ControlStatus.Error, r[c].Status));
        Assert.Contains("exceeds 64 MiB", r["C-PARAM"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandOutput_OutputsCutShort_IsAnErrorNotAFail()
    {
        var facts = CheckTests.Healthy();
        facts.Probes["command:C-CMD"] = new ProbeResult(0, string.Empty, string.Empty) { OutputUnreadable = "the outputs came back cut short or malformed" };
        facts.Probes["service:C-SERVICE"] = new ProbeResult(0, string.Empty, string.Empty) { OutputUnreadable = "the outputs came back cut short or malformed" };

        var r = Evaluate(facts);

        Assert.Equal(ControlStatus.Error, r["C-CMD"].Status);
        Assert.Equal(ControlStatus.Error, r["C-SERVICE"].Status);
        Assert.Contains("cut short", r["C-CMD"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandOutput_TruncatedWithoutTheMatch_IsAnErrorButAMatchInTheKeptPartPasses()
    {
        var facts = CheckTests.Healthy();
        facts.Probes["command:C-CMD"] = new ProbeResult(0, new string('x', 65536), string.Empty) { StdoutTruncated = true };
        Assert.Equal(ControlStatus.Error, Evaluate(facts)["C-CMD"].Status);

        facts.Probes["command:C-CMD"] = new ProbeResult(0, "ip_local_reserved_ports" + new string('x', 65536), string.Empty) { StdoutTruncated = true };
        Assert.Equal(ControlStatus.Pass, Evaluate(facts)["C-CMD"].Status);
    }
}
