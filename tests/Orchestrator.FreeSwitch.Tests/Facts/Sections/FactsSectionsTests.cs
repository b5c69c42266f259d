using Orchestrator.FreeSwitch.Esl;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Facts.Sections;
using Orchestrator.FreeSwitch.Placement;

namespace Orchestrator.FreeSwitch.Tests.Facts.Sections;

/// <summary>Each section's parser on what the host prints, and "could not read" kept apart from "nothing there".</summary>
public sealed class FactsSectionsTests
{
    private static readonly EslEndpoint Endpoint = new("127.0.0.1", 8021, new Core.Secrets.Secret("ClueCon"));

    /// <summary>Script output with these sections, as the markers frame them.</summary>
    private static FactsOutput Output(params (string Name, string Text)[] sections) =>
        FactsOutput.Parse(string.Concat(sections.Select(s => "\n" + RemoteScript.Marker + s.Name + "\n" + s.Text + "\n")));

    [Fact]
    public void Names_AreUniqueAcrossTheScript()
    {
        var names = FactsSections.System.Concat(FactsSections.Api).Select(s => s.Name).Append(FactsScripts.ApiPromptSection).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.True(FactsScripts.IsOwnSection(n), n));
        Assert.False(FactsScripts.IsOwnSection("policy_probes"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Script_PrintsEachSectionsMarkerOnce(bool bash)
    {
        foreach (var list in new[] { FactsSections.System, FactsSections.Api })
        {
            var script = FactsScripts.Sections(list, bash);
            foreach (var section in list)
            {
                var marker = RemoteScript.Section(section.Name);
                Assert.Equal(script.IndexOf(marker, StringComparison.Ordinal), script.LastIndexOf(marker, StringComparison.Ordinal));
                Assert.Contains(marker, section.Script(bash), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void BindErrors_Unreadable_IsNotZeroLines()
    {
        var unreadable = FactsSections.BindErrors.Read(Output(("bind_errors", "\n" + SectionText.UnreadableMarker + "Permission denied: the log /var/log/freeswitch/freeswitch.log cannot be read")));
        var none = FactsSections.BindErrors.Read(Output(("bind_errors", "since 2026-12-01 10:00:00\nrtp 0\nrtcp 0")));

        Assert.False(unreadable.IsReadable);
        Assert.Equal("Permission denied: the log /var/log/freeswitch/freeswitch.log cannot be read", unreadable.UnreadableReason);
        Assert.Throws<InvalidOperationException>(() => unreadable.Value);
        Assert.True(none.IsReadable);
        Assert.Equal(new BindErrorLines("2026-12-01 10:00:00", 0, 0, null), none.Value);
    }

    [Fact]
    public void BindErrors_Counts_ReadWithTheLastLine()
    {
        var lines = FactsSections.BindErrors.Parse("since 2026-12-01 10:00:00\nrtp 2\nrtcp 1\nlast x [Bind Error! 10.0.0.5:20044]").Value;

        Assert.Equal((2L, 1L, "x [Bind Error! 10.0.0.5:20044]"), (lines.Rtp, lines.Rtcp, lines.LastLine));
    }

    [Theory]
    [InlineData("32768\t60999\n", true)]
    [InlineData("", false)]
    [InlineData("32768", false)]
    [InlineData("cat: /proc/sys/net/ipv4/ip_local_port_range: Permission denied", false)]
    public void PortRange_ParsesOrSaysWhy(string text, bool readable)
    {
        var result = FactsSections.PortRange.Parse(text);

        Assert.Equal(readable, result.IsReadable);
        Assert.Equal(readable ? null : "net.ipv4.ip_local_port_range could not be read", result.UnreadableReason);
        Assert.Equal(readable ? new PortRange(32768, 60999) : new PortRange(1, 1), result.ValueOr(new PortRange(1, 1)));
    }

    [Fact]
    public void ReservedPorts_EmptyIsNothingReserved_GarbageIsUnreadable()
    {
        Assert.Equal("20000-20060", FactsSections.ReservedPorts.Parse("20000-20060\n").Value.ToString());
        Assert.True(FactsSections.ReservedPorts.Parse("\n").Value.IsEmpty);
        Assert.Equal("net.ipv4.ip_local_reserved_ports could not be read: 'x-y'", FactsSections.ReservedPorts.Parse("x-y").UnreadableReason);
    }

    [Fact]
    public void ConfTar_Empty_IsUnreadable()
    {
        Assert.Equal("the conf dir's archive was empty", FactsSections.ConfTar.Parse("\n").UnreadableReason);
        Assert.Equal("H4sIAAAA", FactsSections.ConfTar.Parse("H4sIAAAA\n").Value);
    }

    [Fact]
    public void ProcessIds_ChosenProcessFirst_NoneWhenEmpty()
    {
        var ids = FactsSections.ProcessIds.Parse("42\n7").Value;
        Assert.Equal(42, ids.Pid);
        Assert.Equal([42, 7], ids.Pids);
        Assert.Equal([7, 42], FactsSections.ProcessIds.Parse("7\n7 42").Value.Pids);
        var none = FactsSections.ProcessIds.Parse("\n").Value;
        Assert.Null(none.Pid);
        Assert.Empty(none.Pids);
    }

    [Fact]
    public void ConfDirAndHostname_EmptyMeansTheDefaultAndNone()
    {
        Assert.Equal("/etc/freeswitch", FactsSections.ConfDir.Parse(string.Empty).Value);
        Assert.Equal("/opt/fs/conf", FactsSections.ConfDir.Parse("/opt/fs/conf/\n").Value);
        Assert.Null(FactsSections.Hostname.Parse(" \n").Value);
    }

    [Fact]
    public void Read_SectionTheScriptNeverPrinted_IsUnreadableNotEmpty()
    {
        var output = Output(("pid", "42\n42"));

        Assert.Equal(42, FactsSections.ProcessIds.Read(output).Value.Pid);
        Assert.Equal(FactsSection<string>.NotPrinted, FactsSections.ConfDir.Read(output).UnreadableReason);
        Assert.Equal(FactsSection<string>.NotPrinted, FactsSections.SocketTable.Read(output).UnreadableReason);
        Assert.Equal(FactsSection<string>.NotPrinted, FactsSections.PortRange.Read(output).UnreadableReason);
    }

    [Fact]
    public void ApiSection_ClientFailed_UnreadableInFsCliOwnWords()
    {
        var output = Output(("version", "[ERROR] fs_cli.c:1699 main() Error Connecting [Authentication Error]\n"), ("rc 255", string.Empty), ("calls", "\n3 total.\n"), ("rc 0", string.Empty));

        var version = FactsSections.Version.Read(output, Endpoint)!;
        Assert.Equal(
            "could not talk to the event socket at 127.0.0.1:8021 (exit 255): [ERROR] fs_cli.c:1699 main() Error Connecting [Authentication Error]",
            version.UnreadableReason);
        Assert.Equal(3L, FactsSections.Calls.Read(output, Endpoint)!.Value);
        Assert.Null(FactsSections.SofiaStatus.Read(output, Endpoint));
    }

    [Fact]
    public void ProfileStatus_ReplyCutShort_IsUnreadable()
    {
        var output = Output(
            ("profile", "internal\nName   \tinternal\nRTP-IP \t10.0.0.5\n"), ("rc 0", string.Empty),
            ("profile", "external\nName   \texternal\n"));

        var replies = FactsSections.ProfileStatus.ReadAll(output, Endpoint).ToList();

        Assert.Equal(2, replies.Count);
        Assert.Equal(("internal", "10.0.0.5"), (replies[0].Value.Name, replies[0].Value.RtpIps.Single()));
        Assert.False(replies[1].IsReadable);
    }

    [Fact]
    public void ApiFacts_FirstFailureInScriptOrder_IsTheEslError()
    {
        var output = Output(
            ("version", "FreeSWITCH Version 1.10.12-release~64bit"), ("rc 0", string.Empty),
            ("sofia_status", "[ERROR] disconnected by FreeSWITCH"), ("rc 255", string.Empty),
            ("calls", "[ERROR] disconnected by FreeSWITCH"), ("rc 255", string.Empty),
            ("var local_ip_v4", "10.0.0.5"), ("rc 0", string.Empty),
            ("var hostname", "-ERR no such variable"), ("rc 0", string.Empty));

        var api = ApiFacts.Read(output, Endpoint);

        Assert.Equal("1.10.12-release~64bit", api.Version);
        Assert.StartsWith("could not talk to the event socket at 127.0.0.1:8021 (exit 255): [ERROR] disconnected", api.Error, StringComparison.Ordinal);
        Assert.Null(api.SofiaStatus);
        Assert.Null(api.Calls);
        Assert.Equal(["local_ip_v4"], api.Variables.Keys);
        Assert.Equal(["calls", "sofia_status"], api.Unreadable.Keys.Order());
    }

    [Fact]
    public void SocketProbe_UnreadableSysctls_WarnAndAreNamed()
    {
        var output = Output(("pid", "\n"), ("sockets", "proc"), ("fds", string.Empty), ("port_range", "oops"), ("reserved_ports", "1-x"));

        var sockets = SocketProbe.Read(output);

        Assert.Null(sockets.EphemeralRange);
        Assert.True(sockets.ReservedPorts.IsEmpty);
        Assert.Equal(["net.ipv4.ip_local_port_range could not be read", "net.ipv4.ip_local_reserved_ports could not be read: '1-x'"], sockets.Warnings);
        Assert.Equal(["port_range", "reserved_ports"], sockets.Unreadable.Keys.Order());
    }

    [Fact]
    public void Read_EverySystemSection_UnreadableMarker_IsUnreadableWithTheReason()
    {
        foreach (var section in FactsSections.System)
        {
            var output = Output((section.Name, "partial output\n" + SectionText.UnreadableMarker + "Permission denied: /x\nmore"));

            var result = section.GetType().GetMethod("Read", [typeof(FactsOutput)])!.Invoke(section, [output])!;

            Assert.Equal("Permission denied: /x", result.GetType().GetProperty("UnreadableReason")!.GetValue(result));
        }
    }

    [Fact]
    public void SocketProbe_FdsUnreadable_SocketsUnknownNotEmpty()
    {
        var output = Output(
            ("pid", "7\n7"), ("sockets", "proc\n  sl  local_address rem_address   st\n"),
            ("fds", SectionText.UnreadableMarker + "Permission denied: /proc/7/fd"), ("port_range", "32768 60999"), ("reserved_ports", string.Empty));

        var sockets = SocketProbe.Read(output);

        Assert.Empty(sockets.Sockets);
        Assert.Equal("Permission denied: /proc/7/fd", sockets.SocketsUnreadable);
    }

    [Fact]
    public void ApiFacts_ResolveAskedButNotPrinted_IsUnreadable()
    {
        var output = Output(("version", "FreeSWITCH Version 1.10.12-release~64bit"), ("rc 0", string.Empty), ("sofia_status", "x"), ("rc 0", string.Empty));

        Assert.Equal(FactsSection<string>.NotPrinted, ApiFacts.Read(output, Endpoint, resolveAsked: true).Unreadable["resolve"]);
        Assert.False(ApiFacts.Read(output, Endpoint, resolveAsked: false).Unreadable.ContainsKey("resolve"));
    }
}
