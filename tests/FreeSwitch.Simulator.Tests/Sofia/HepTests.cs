using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FreeSwitch.Simulator.Sofia;
using FreeSwitch.Simulator.Tests.Support;
using Orchestrator.Testing;
using Orchestrator.Testing.Simulator;

namespace FreeSwitch.Simulator.Tests.Sofia;

public sealed class HepTests
{
    [Fact]
    public void EncodeV3_ReceivedIpv4Message_IsTheSpecsLayoutByteForByte()
    {
        var payload = "OPTIONS sip:x SIP/2.0\r\n\r\n"u8.ToArray();
        var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1234560);
        var message = new HepEncoder.Message(true, new IPEndPoint(IPAddress.Parse("10.0.0.5"), 5060), new IPEndPoint(IPAddress.Parse("192.0.2.9"), 5061), payload, time);

        var packet = HepEncoder.EncodeV3(4711, message);

        byte[] expected =
        [
            0x48, 0x45, 0x50, 0x33, 0x00, (byte)(99 + payload.Length),
            0x00, 0x00, 0x00, 0x01, 0x00, 0x07, 0x02,
            0x00, 0x00, 0x00, 0x02, 0x00, 0x07, 0x11,
            0x00, 0x00, 0x00, 0x07, 0x00, 0x08, 0x13, 0xc5,
            0x00, 0x00, 0x00, 0x08, 0x00, 0x08, 0x13, 0xc4,
            0x00, 0x00, 0x00, 0x09, 0x00, 0x0a, 0x65, 0x53, 0xf1, 0x00,
            0x00, 0x00, 0x00, 0x0a, 0x00, 0x0a, 0x00, 0x01, 0xe2, 0x40,
            0x00, 0x00, 0x00, 0x0b, 0x00, 0x07, 0x01,
            0x00, 0x00, 0x00, 0x0c, 0x00, 0x0a, 0x00, 0x00, 0x12, 0x67,
            0x00, 0x00, 0x00, 0x03, 0x00, 0x0a, 192, 0, 2, 9,
            0x00, 0x00, 0x00, 0x04, 0x00, 0x0a, 10, 0, 0, 5,
            0x00, 0x00, 0x00, 0x0f, 0x00, (byte)(6 + payload.Length),
            .. payload,
        ];
        Assert.Equal(expected, packet);
    }

    [Fact]
    public void EncodeV3_SentIpv6Message_SourceIsLocalWith16ByteChunks()
    {
        var message = new HepEncoder.Message(false, new IPEndPoint(IPAddress.Parse("fd00::5"), 5060), new IPEndPoint(IPAddress.Parse("fd00::9"), 5070), "x"u8.ToArray(), DateTimeOffset.UnixEpoch);

        var packet = HepEncoder.EncodeV3(200, message);

        Assert.Equal(10, packet[12]);
        Assert.Equal(5060, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(26)));
        Assert.Equal(5070, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(34)));
        Assert.Equal([0, 0, 0, 5, 0, 22], packet[73..79]);
        Assert.Equal(IPAddress.Parse("fd00::5").GetAddressBytes(), packet[79..95]);
        Assert.Equal([0, 0, 0, 6, 0, 22], packet[95..101]);
        Assert.Equal(packet.Length, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4)));
    }

    [Fact]
    public async Task Options_OnACapturingProfile_ReceivedAndSentMessagesArriveAsHepV3()
    {
        var homer = LoopbackAddresses.Next();
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Parse(homer), 9060));
        await using var sim = await SimulatorProcess.StartAsync(conf =>
        {
            conf.SetParam("autoload_configs/sofia.conf.xml", "capture-server", $"udp:{homer}:9060;capture_id=4711", "global_settings");
            conf.SetParam("sip_profiles/internal.xml", "sip-capture", "yes");
        });
        using var client = new SipTestClient(LoopbackAddresses.Next(), sim.Ip, 5060);

        var answer = await client.OptionsAsync();
        Assert.StartsWith("SIP/2.0 200 OK", answer, StringComparison.Ordinal);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var first = (await listener.ReceiveAsync(cts.Token)).Buffer;
        var second = (await listener.ReceiveAsync(cts.Token)).Buffer;
        AssertHep(first, client.Local, new IPEndPoint(IPAddress.Parse(sim.Ip), 5060), "OPTIONS sip:service@");
        AssertHep(second, new IPEndPoint(IPAddress.Parse(sim.Ip), 5060), client.Local, "SIP/2.0 200 OK");
    }

    [Fact]
    [Trait("Requires", "sngrep")]
    public async Task Sngrep_ListeningOnTheCaptureServer_StoresTheSipPackets()
    {
        TestRequirements.Program("sngrep");
        var homer = LoopbackAddresses.Next();
        var pcap = Path.Combine(Path.GetTempPath(), $"simt-{Guid.NewGuid():N}.pcap");
        using var sngrep = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sngrep", ["-N", "-q", "-L", $"udp:{homer}:9060", "-O", pcap])
        {
            RedirectStandardInput = true,
        })!;
        try
        {
            await Task.Delay(700);
            Assert.False(sngrep.HasExited, "sngrep exited at once: is it built with HEP (EEP) support?");
            await using var sim = await SimulatorProcess.StartAsync(conf =>
            {
                conf.SetParam("autoload_configs/sofia.conf.xml", "capture-server", $"udp:{homer}:9060", "global_settings");
                conf.SetParam("sip_profiles/internal.xml", "sip-capture", "yes");
            });
            using var client = new SipTestClient(LoopbackAddresses.Next(), sim.Ip, 5060);
            for (var i = 0; i < 3; i++)
            {
                await client.OptionsAsync();
            }

            await Task.Delay(1500);
        }
        finally
        {
            await ProcessRunner.RunAsync("kill", "-TERM", sngrep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await sngrep.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(pcap);
            var text = Encoding.Latin1.GetString(bytes);
            Assert.True(bytes.Length > 24, "sngrep wrote no packets");
            Assert.Contains("OPTIONS sip:service@", text, StringComparison.Ordinal);
            Assert.Contains("SIP/2.0 200 OK", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    private static void AssertHep(byte[] packet, IPEndPoint source, IPEndPoint destination, string payloadStart)
    {
        Assert.Equal("HEP3"u8.ToArray(), packet[..4]);
        Assert.Equal(packet.Length, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4)));
        ushort[] order = [0x01, 0x02, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x03, 0x04, 0x0f];
        var offset = 6;
        var types = new List<ushort>();
        while (offset < packet.Length)
        {
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(offset)));
            types.Add(BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(offset + 2)));
            offset += BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(offset + 4));
        }

        Assert.Equal(order, types);
        Assert.Equal(2, packet[12]);
        Assert.Equal(17, packet[19]);
        Assert.Equal(source.Port, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(26)));
        Assert.Equal(destination.Port, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(34)));
        Assert.InRange(BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(42)), (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(1, packet[62]);
        Assert.Equal(4711u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(69)));
        Assert.Equal(source.Address.GetAddressBytes(), packet[79..83]);
        Assert.Equal(destination.Address.GetAddressBytes(), packet[89..93]);
        Assert.StartsWith(payloadStart, Encoding.UTF8.GetString(packet.AsSpan(99)), StringComparison.Ordinal);
    }
}
