using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Tests.Support;

namespace Orchestrator.FreeSwitch.Tests.Facts;

/// <summary>
/// A hostile host's config archive: a gzip bomb, too many files, one file too big, headers that lie. Each stops at its
/// limit with a clear per-host error, having held no more than the limit.
/// </summary>
public sealed class ConfigArchiveTests
{
    private const int MiB = 1024 * 1024;

    private static FreeSwitchFactsOptions Limits(long total = 64L * MiB, int files = 5000, long perFile = 8L * MiB) =>
        new() { ConfigArchiveMaxBytes = total, ConfigArchiveMaxFiles = files, ConfigArchiveMaxFileBytes = perFile };

    /// <summary>A gzipped pax tar in base64, as the facts script sends it; each file is (name, bytes of zeros or text).</summary>
    private static string Archive(params (string Name, byte[] Data)[] files)
    {
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(zip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data) in files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data), ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) });
            }
        }

        return Convert.ToBase64String(gz.ToArray());
    }

    private static (string, byte[]) Text(string name, string text) => (name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_SmallTree_FilesAndTimesUnderTheConfDir()
    {
        var archive = ConfigArchive.Read(Archive(Text("./freeswitch.xml", "<document/>"), Text("./vars.xml", "<include/>")), "/etc/freeswitch", Limits());

        Assert.Equal("<document/>", archive.ReadAllText("/etc/freeswitch/freeswitch.xml"));
        Assert.True(archive.FileExists("/etc/freeswitch/vars.xml"));
        Assert.Equal(1_700_000_000, archive.Modified["/etc/freeswitch/vars.xml"]);
    }

    [Fact]
    public void Read_GzipBomb_StopsAtTheTotalHoldingNoMoreThanIt()
    {
        // 256 MiB of zeros in eight files of 32 MiB, about 256 KiB compressed; the limit is 16 MiB.
        var bomb = Archive([.. Enumerable.Range(0, 8).Select(i => ($"./f{i}.xml", new byte[32 * MiB]))]);
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<ConfigArchiveException>(() => ConfigArchive.Read(bomb, "/etc/freeswitch", Limits(total: 16L * MiB, perFile: 64L * MiB)));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith("the config archive exceeds 16 MiB in total (decompressed)", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 80L * MiB, $"allocated {allocated / MiB} MiB reading a bomb against a 16 MiB limit");
    }

    [Fact]
    public void Read_TooManyFiles_StopsAtTheCount()
    {
        var many = Archive([.. Enumerable.Range(0, 4).Select(i => Text($"./f{i}.xml", "<x/>"))]);

        var ex = Assert.Throws<ConfigArchiveException>(() => ConfigArchive.Read(many, "/etc/freeswitch", Limits(files: 3)));

        Assert.StartsWith("the config archive exceeds 3 files (at ./f3.xml)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OneFileTooBig_StopsAtThatFile()
    {
        var big = Archive(Text("./freeswitch.xml", "<document/>"), ("./big.xml", new byte[(2 * MiB) + 1]));

        var ex = Assert.Throws<ConfigArchiveException>(() => ConfigArchive.Read(big, "/etc/freeswitch", Limits(perFile: 2L * MiB)));

        Assert.StartsWith("the config archive exceeds 2 MiB in one file (at ./big.xml)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("77777777777")] // a header that declares 8 GiB of data that is not there
    [InlineData("00000001000")] // 512 bytes declared, none follow
    public void Read_HeaderDeclaresMoreThanFollows_IsMalformed(string octalSize)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "./x.xml") { DataStream = new MemoryStream([]) });
        }

        var bytes = tar.ToArray()[..512];
        Encoding.ASCII.GetBytes(octalSize).CopyTo(bytes, 124);
        var checksum = bytes.Select((b, i) => i is >= 148 and < 156 ? 32 : b).Sum();
        Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0 ").CopyTo(bytes, 148);
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(bytes);
        }

        var ex = Assert.Throws<ConfigArchiveException>(() => ConfigArchive.Read(Convert.ToBase64String(gz.ToArray()), "/etc/freeswitch", Limits()));

        Assert.StartsWith("the config archive is malformed: a tar header at byte 0 declares", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_HostSendsABomb_ThatHostsConfigurationIsUnreadableWithWhy()
    {
        // 128 MiB of zeros: past the default 64 MiB; the rest of the facts are as a host without FreeSWITCH running prints them.
        var bomb = Archive(Text("./freeswitch.xml", "<document/>"), ("./pad.xml", new byte[128 * MiB]));
        var m = RemoteScript.Marker;
        var stdout = $"\n{m}pid\n\n\n{m}conf_dir\n/etc/freeswitch\n{m}conf_tar\n{bomb}\n{m}addresses\n\n{m}log\n/var/log/freeswitch/freeswitch.log\n"
            + $"{m}sockets\nproc\n{m}fds\n\n{m}hostname\nfs1\n{m}port_range\n32768 60999\n{m}reserved_ports\n\n{m}process\n\n{m}bind_errors\nsince 2026-12-01 00:00:00\nrtp 0\nrtcp 0\n";

        var facts = await new FreeSwitchFactsCollector(new FreeSwitchFactsOptions { SkipApi = true })
            .CollectAsync(new CannedShell(new CommandResult(0, stdout, string.Empty, TimeSpan.Zero)), CancellationToken.None);

        Assert.Null(facts.Config);
        Assert.Contains("the config archive exceeds 64 MiB in total", facts.ConfigError, StringComparison.Ordinal);
        Assert.Contains("exceeds 64 MiB", facts.UnreadableSections["conf_tar"], StringComparison.Ordinal);
    }
}
