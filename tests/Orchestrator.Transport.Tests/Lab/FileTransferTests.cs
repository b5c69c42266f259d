using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.Lab;

public sealed class FileTransferLab() : TransportLab("files", 1);

/// <summary>Uploads (atomic replace, modes, owners, backups), downloads and checksums over the lab's SSH.</summary>
[Trait("Category", "Lab")]
public sealed partial class FileTransferTests : IClassFixture<FileTransferLab>
{
    private readonly FileTransferLab _lab;

    public FileTransferTests(FileTransferLab lab) => _lab = lab;

    [Fact]
    public async Task UploadAsync_TenMegabytes_ArrivesIntact()
    {
        var content = RandomNumberGenerator.GetBytes(10 * 1024 * 1024);
        var expected = Convert.ToHexStringLower(SHA256.HashData(content));
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        var result = await connection.UploadAsync(new FileUpload("/tmp/ten-megabytes.bin", content), CancellationToken.None);

        Assert.Equal(expected, result.Sha256);
        Assert.Null(result.BackupPath);
        // Checked on the host itself, not through the transport.
        Assert.Equal(expected, (await _lab.InHostAsync(0, "sha256sum < /tmp/ten-megabytes.bin")).Split(' ')[0]);
        Assert.Equal(expected, await connection.Sha256Async("/tmp/ten-megabytes.bin", false, CancellationToken.None));
        Assert.Equal(string.Empty, await _lab.InHostAsync(0, "ls -A /tmp | grep orchestrator-upload || true"));
    }

    [Fact]
    public async Task UploadAsync_ConnectionKilledHalfway_LeavesTheOldFileIntact()
    {
        const string path = "/tmp/killed-upload.bin";
        await _lab.InHostAsync(0, $"printf 'the old content\\n' > {path} && chown {_lab.Lab.LoginUser} {path}");
        var content = RandomNumberGenerator.GetBytes(48 * 1024 * 1024);
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        // A watcher inside the host freezes the server side (SIGSTOP) once 2 MiB of the temp file are there, so the kill
        // below lands mid-transfer however fast the link is (polling from the test through nsenter could miss a whole
        // upload), and reports how much had arrived.
        var freeze = _lab.InHostAsync(0,
            "for i in $(seq 3000); do find /tmp -maxdepth 1 -name '.orchestrator-upload.*' -size +2048k | grep -q . && break; sleep 0.01; done; "
            + TransportLab.SignalSshSessionsScript("STOP") + "; stat -c %s /tmp/.orchestrator-upload.* 2>/dev/null | head -1");
        var upload = connection.UploadAsync(new FileUpload(path, content), CancellationToken.None);
        var partial = long.TryParse((await freeze).Trim(), out var frozen) ? frozen : 0;

        Assert.InRange(partial, 2 * 1024 * 1024, content.Length - 1);
        await _lab.KillSshSessionsAsync(0);

        await Assert.ThrowsAnyAsync<Exception>(() => upload);
        Assert.Equal("the old content\n", await _lab.InHostAsync(0, $"cat {path}"));
        // The partial temp file is cleaned up by the script's trap once cat sees the end of its input.
        var leftover = "?";
        for (var i = 0; i < 50 && leftover.Length > 0; i++)
        {
            leftover = (await _lab.InHostAsync(0, "ls -A /tmp | grep orchestrator-upload || true")).Trim();
            await Task.Delay(100);
        }

        Assert.Equal(string.Empty, leftover);
    }

    [Fact]
    public async Task UploadAsync_ExistingFile_KeepsModeOwnerAndGroup()
    {
        const string path = "/tmp/keep-owner.conf";
        await _lab.InHostAsync(0, $"printf 'old\\n' > {path} && chown nobody:nogroup {path} && chmod 0640 {path}");
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        await connection.UploadAsync(new FileUpload(path, Encoding.UTF8.GetBytes("new\n")) { Become = true }, CancellationToken.None);

        Assert.Equal("640 nobody nogroup new", Squash(await _lab.InHostAsync(0, $"stat -c '%a %U %G' {path}; cat {path}")));
    }

    [Fact]
    public async Task UploadAsync_ModeOwnerAndGroup_AreSet()
    {
        const string path = "/tmp/set-owner.conf";
        await _lab.InHostAsync(0, $"rm -f {path}");
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        await connection.UploadAsync(new FileUpload(path, Encoding.UTF8.GetBytes("x\n")) { Become = true, Mode = "0604", Owner = "nobody", Group = "nogroup" }, CancellationToken.None);

        Assert.Equal("604 nobody nogroup", Squash(await _lab.InHostAsync(0, $"stat -c '%a %U %G' {path}")));
    }

    [Fact]
    public async Task UploadAsync_NewFileWithoutMode_GetsTheUmaskDefault()
    {
        const string path = "/tmp/new-file.txt";
        await _lab.InHostAsync(0, $"rm -f {path}");
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);
        var umask = (await connection.RunAsync(new RemoteCommand("umask"), CancellationToken.None)).Stdout.Trim();

        await connection.UploadAsync(new FileUpload(path, Encoding.UTF8.GetBytes("x")), CancellationToken.None);

        var expected = Convert.ToString(0x1B6 & ~Convert.ToInt32(umask, 8), 8);
        Assert.Equal($"{expected} {_lab.Lab.LoginUser}", Squash(await _lab.InHostAsync(0, $"stat -c '%a %U' {path}")));
    }

    [Fact]
    public async Task UploadAsync_Backup_KeepsTheOldFileUnderAnsiblesName()
    {
        const string path = "/tmp/backed-up.conf";
        await _lab.InHostAsync(0, $"rm -f {path}*; printf 'version 1\\n' > {path} && chown {_lab.Lab.LoginUser} {path}");
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        var result = await connection.UploadAsync(new FileUpload(path, Encoding.UTF8.GetBytes("version 2\n")) { Backup = true }, CancellationToken.None);

        Assert.NotNull(result.BackupPath);
        Assert.Matches(BackupName(), result.BackupPath);
        Assert.Equal("version 1\n", await _lab.InHostAsync(0, $"cat '{result.BackupPath}'"));
        Assert.Equal("version 2\n", await _lab.InHostAsync(0, $"cat {path}"));
    }

    [Fact]
    public async Task DownloadAsync_RootOnlyBinaryFileWithBecome_ReturnsTheExactBytes()
    {
        var content = RandomNumberGenerator.GetBytes(256 * 1024);
        await _lab.InHostAsync(0, "base64 -d > /tmp/root-only.bin && chmod 0600 /tmp/root-only.bin", Convert.ToBase64String(content));
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        var asRoot = await connection.DownloadAsync("/tmp/root-only.bin", become: true, CancellationToken.None);
        var asUser = await Assert.ThrowsAsync<IOException>(() => connection.DownloadAsync("/tmp/root-only.bin", become: false, CancellationToken.None));

        Assert.Equal(content, asRoot);
        Assert.Contains("Permission denied", asUser.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAndSha256_MissingFile_NotFoundAndNull()
    {
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        await Assert.ThrowsAsync<FileNotFoundException>(() => connection.DownloadAsync("/tmp/does-not-exist", false, CancellationToken.None));
        Assert.Null(await connection.Sha256Async("/tmp/does-not-exist", false, CancellationToken.None));
    }

    [Fact]
    public async Task UploadAsync_PathWithSpacesAndQuotes_IsWrittenLiterally()
    {
        const string path = "/tmp/it's a \"file\" $(id).txt";
        using var connector = _lab.Connector();
        await using var connection = await connector.ConnectAsync("fs1", _lab.Variables(0), CancellationToken.None);

        await connection.UploadAsync(new FileUpload(path, Encoding.UTF8.GetBytes("literal\n")), CancellationToken.None);

        Assert.Equal("literal\n", Encoding.UTF8.GetString(await connection.DownloadAsync(path, false, CancellationToken.None)));
        Assert.Equal("literal\n", await _lab.InHostAsync(0, "cat \"/tmp/it's a \\\"file\\\" \\$(id).txt\""));
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"^/tmp/backed-up\.conf\.\d+\.\d{4}-\d{2}-\d{2}@\d{2}:\d{2}:\d{2}~$")]
    private static partial Regex BackupName();
}
