using System.Net;
using System.Net.Sockets;
using System.Text;
using Orchestrator.Lab.Tests.Support;

namespace Orchestrator.Lab.Tests;

/// <summary>The simulated FreeSWITCH in the clean lab, reached the way an operator reaches it: SSH, fs_cli, systemctl, ss.</summary>
[Collection(CleanLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class LabFreeSwitchTests
{
    private readonly LabFleet _lab;

    public LabFreeSwitchTests(CleanLabFixture fixture)
    {
        _lab = fixture.Lab;
    }

    [Fact]
    public async Task FsCli_SofiaStatusOverSsh_EveryHostsProfilesAreRunning()
    {
        foreach (var host in _lab.Hosts)
        {
            var r = await Programs.SshAsync(_lab, _lab.LoginUser, host, "fs_cli -x 'sofia status'");
            Assert.True(r.Succeeded, r.Stderr);
            Assert.Contains($"sip:mod_sofia@{host.Address}:5060\tRUNNING (0)", r.Stdout, StringComparison.Ordinal);
            Assert.Contains($"sip:mod_sofia@{host.Address}:5080\tRUNNING (0)", r.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ss_OverSshWithSudo_TwoEstablishedFreeswitchSocketsToHomer9060()
    {
        foreach (var host in _lab.Hosts)
        {
            var r = await Programs.SshAsync(_lab, _lab.LoginUser, host, "sudo ss -uanp");
            Assert.True(r.Succeeded, r.Stderr);
            var capture = r.Stdout.Split('\n')
                .Where(l => l.StartsWith("ESTAB", StringComparison.Ordinal) && l.Contains("((\"freeswitch\",", StringComparison.Ordinal))
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToList();
            Assert.Equal(2, capture.Count);
            Assert.All(capture, f => Assert.Equal($"{_lab.Homer.Address}:9060", f[4]));
            Assert.All(capture, f => Assert.StartsWith($"{host.Address}:", f[3], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task CaptureSockets_ReadFromProc_SameAsSs()
    {
        foreach (var host in _lab.Hosts)
        {
            var fromSs = await _lab.GetCaptureSocketsAsync(host.Name, CancellationToken.None);
            var fromProc = Orchestrator.Lab.Setup.FreeSwitchService.CaptureSocketsFromProc(_lab.Layout, _lab.Find(host.Name), _lab.CaptureEndpoint!);
            Assert.Equal(2, fromSs.Count);
            Assert.Equal(fromSs.OrderBy(s => s.Local.Port), fromProc.OrderBy(s => s.Local.Port));
        }
    }

    [Fact]
    public async Task Hep_CallsToEveryHost_SngrepsPcapAndTheListenerBothHoldEachHostsPackets()
    {
        foreach (var host in _lab.Hosts)
        {
            var calls = await _lab.RunCallsAsync(host.Name, 3, 10, CancellationToken.None);
            Assert.Equal(3, calls.Succeeded);
        }

        var captures = new Dictionary<string, HashSet<int>>();
        foreach (var host in _lab.Hosts)
        {
            captures[host.Name] = (await _lab.GetCaptureSocketsAsync(host.Name, CancellationToken.None)).Select(s => s.Local.Port).ToHashSet();
        }

        // The listener writes its counters every 100 ms.
        LabHepReport report = _lab.GetHepReport();
        for (var i = 0; i < 50 && !_lab.Hosts.All(h => report.Sources.Any(s => s.Host == h.Name && s.Packets >= 18)); i++)
        {
            await Task.Delay(100);
            report = _lab.GetHepReport();
        }

        Assert.Equal(0, report.Undecodable);
        foreach (var host in _lab.Hosts)
        {
            var sources = report.Sources.Where(s => s.Host == host.Name).ToList();
            Assert.NotEmpty(sources);
            // 3 uac calls are 18 SIP messages on the internal profile (INVITE 100 200 ACK BYE 200) and each is one HEP packet.
            Assert.Contains(sources, s => s.Packets >= 18 && s.LastSip is not null && captures[host.Name].Contains(s.Port));
            Assert.All(sources, s => Assert.Equal(200u, s.CaptureId));
        }

        var pcap = Pcap.ReadIpv4(_lab.HomerPcapPath);
        foreach (var host in _lab.Hosts)
        {
            Assert.True(
                pcap.Count(p => p.Source.Equals(host.Address) || p.Destination.Equals(host.Address)) >= 18,
                $"sngrep's pcap has {pcap.Count} packets, too few for {host.Name}");
        }
    }

    [Fact]
    public async Task EventSocket_WrongPassword_MinusErrInvalid()
    {
        var host = _lab.Hosts[0];
        using var client = new TcpClient();
        await client.ConnectAsync(host.Address, 8021);
        using var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        var greeting = await ReadUntilBlankLineAsync(stream);
        Assert.Equal("Content-Type: auth/request\n\n", greeting);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("auth not-ClueCon\n\n"));
        var reply = await ReadUntilBlankLineAsync(stream);
        Assert.Equal("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n", reply);
    }

    [Fact]
    public async Task FsCli_UnknownCommandOverSsh_FreeSwitchsExactError()
    {
        var r = await Programs.SshAsync(_lab, _lab.LoginUser, _lab.Hosts[1], "fs_cli -x 'frobnicate now'");
        Assert.Equal("-ERR frobnicate now Command not found!\n\n", r.Stdout);
    }

    [Fact]
    public async Task Systemctl_Shim_StatusIsActiveAndAccessDeniedWithoutSudo()
    {
        var host = _lab.Hosts[2];
        var active = await Programs.SshAsync(_lab, _lab.LoginUser, host, "systemctl is-active freeswitch");
        Assert.Equal("active", active.Stdout.Trim());
        var denied = await Programs.SshAsync(_lab, _lab.LoginUser, host, "systemctl stop freeswitch");
        Assert.Equal(4, denied.ExitCode);
        Assert.Contains("Access denied", denied.Stderr, StringComparison.Ordinal);
        var status = await Programs.SshAsync(_lab, _lab.LoginUser, host, "sudo systemctl status freeswitch");
        Assert.Contains("Active: active (running)", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("(freeswitch)", status.Stdout, StringComparison.Ordinal);
        var other = await Programs.SshAsync(_lab, _lab.LoginUser, host, "sudo systemctl restart nginx");
        Assert.Equal(5, other.ExitCode);
    }

    [Fact]
    public async Task Systemctl_RestartOverSsh_NewPidAndProfilesRunning()
    {
        var host = _lab.Hosts[2];
        var before = (await Programs.SshAsync(_lab, _lab.LoginUser, host, "cat /run/freeswitch/freeswitch.pid")).Stdout.Trim();
        var restart = await Programs.SshAsync(_lab, _lab.LoginUser, host, "sudo systemctl restart freeswitch && fs_cli -x 'sofia status profile internal' | grep -c RUNNING; cat /run/freeswitch/freeswitch.pid");
        Assert.True(restart.Succeeded, restart.Stderr);
        var after = restart.Stdout.Trim().Split('\n')[^1];
        Assert.NotEqual(before, after);
        Assert.Equal("freeswitch", (await _lab.ExecInHostAsync(host.Name, $"cat /proc/{after}/comm", CancellationToken.None)).Stdout.Trim());
        await _lab.WaitForCaptureSocketsAsync(host.Name, 2, CancellationToken.None);
    }

    [Fact]
    public async Task Sysctl_Shim_NetKeysApplyPerHostAndMachineWideKeysAreRefused()
    {
        var host = _lab.Hosts[0];
        var pidMax = await File.ReadAllTextAsync("/proc/sys/kernel/pid_max");
        var refused = await Programs.SshAsync(_lab, _lab.LoginUser, host, "sudo sysctl -w kernel.pid_max=4194304");
        Assert.False(refused.Succeeded);
        Assert.Contains("refusing to set kernel.pid_max", refused.Stderr, StringComparison.Ordinal);

        var system = await Programs.SshAsync(_lab, _lab.LoginUser, host, "sudo sysctl --system >/dev/null; sysctl -n net.ipv4.ip_local_port_range");
        Assert.True(system.Succeeded, system.Stderr);
        Assert.Equal("40000\t60999", system.Stdout.Trim());
        Assert.Equal(pidMax, await File.ReadAllTextAsync("/proc/sys/kernel/pid_max"));

        try
        {
            var set = await Programs.SshAsync(_lab, _lab.LoginUser, host, "sudo sysctl -w net.ipv4.ip_local_reserved_ports=45000-45010");
            Assert.True(set.Succeeded, set.Stderr);
            Assert.Equal("45000-45010", (await _lab.ExecInHostAsync(host.Name, "cat /proc/sys/net/ipv4/ip_local_reserved_ports", CancellationToken.None)).Stdout.Trim());
            // Per network namespace: the neighbour host keeps its own (empty) list.
            Assert.Equal("", (await _lab.ExecInHostAsync(_lab.Hosts[1].Name, "cat /proc/sys/net/ipv4/ip_local_reserved_ports", CancellationToken.None)).Stdout.Trim());
        }
        finally
        {
            await _lab.ExecInHostAsync(host.Name, "sysctl -q -w net.ipv4.ip_local_reserved_ports=", CancellationToken.None);
        }
    }

    private static async Task<string> ReadUntilBlankLineAsync(NetworkStream stream)
    {
        var sb = new StringBuilder();
        var buffer = new byte[1];
        while (!sb.ToString().EndsWith("\n\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                break;
            }

            sb.Append((char)buffer[0]);
        }

        return sb.ToString();
    }
}
