using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Testing;

namespace Orchestrator.Transport.Tests.Local;

/// <summary><c>ansible_connection: local</c>: the same scripts as over SSH, run by the controller's /bin/sh.</summary>
public sealed class LocalConnectionTests : IDisposable
{
    private static readonly Dictionary<string, object?> Local = new() { ["ansible_connection"] = "local" };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_Local_RunsInShWithStdinAndExitCode()
    {
        await using var connection = await Connect();

        var result = await connection.RunAsync(new RemoteCommand("echo $0; cat; echo oops >&2; exit 7") { Stdin = new Secret("input\n") }, CancellationToken.None);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("/bin/sh\ninput\n", result.Stdout);
        Assert.Equal("oops\n", result.Stderr);
        Assert.Equal("localhost", connection.HostName);
    }

    [Fact]
    public async Task UploadDownloadSha256_Local_RoundTripAtomically()
    {
        var path = _temp.Combine("dir/file.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var content = RandomNumberGenerator.GetBytes(300_000);
        await using var connection = await Connect();

        var result = await connection.UploadAsync(new FileUpload(path, content) { Backup = true }, CancellationToken.None);

        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal("old", File.ReadAllText(result.BackupPath!));
        Assert.Equal(content, await connection.DownloadAsync(path, false, CancellationToken.None));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), await connection.Sha256Async(path, false, CancellationToken.None));
        Assert.Equal(2, Directory.GetFiles(Path.GetDirectoryName(path)!).Length);
    }

    [Fact]
    public async Task UploadAsync_IntoMissingDirectory_FailsAndWritesNothing()
    {
        await using var connection = await Connect();

        var error = await Assert.ThrowsAsync<IOException>(() => connection.UploadAsync(new FileUpload(_temp.Combine("missing/x"), Encoding.UTF8.GetBytes("x")), CancellationToken.None));

        Assert.Contains("upload of", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("missing")));
    }

    [Fact]
    public async Task UploadAsync_InvalidMode_Rejected()
    {
        await using var connection = await Connect();

        await Assert.ThrowsAsync<ArgumentException>(() => connection.UploadAsync(new FileUpload(_temp.Combine("x"), Encoding.UTF8.GetBytes("x")) { Mode = "0644; rm -rf /" }, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_Timeout_KillsTheProcessTree()
    {
        var marker = _temp.Combine("late");
        await using var connection = await Connect();

        var result = await connection.RunAsync(new RemoteCommand($"sleep 3; touch {marker}") { Timeout = TimeSpan.FromMilliseconds(500) }, CancellationToken.None);
        await Task.Delay(3500);

        Assert.Equal(124, result.ExitCode);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task RunAsync_CommandIgnoringStdin_DoesNotHang()
    {
        await using var connection = await Connect();

        var result = await connection.RunAsync(new RemoteCommand("exit 0") { Stdin = new Secret(new string('x', 1_000_000)) }, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
    }

    private async Task<IHostConnection> Connect()
    {
        using var connector = new HostConnector(new TransportOptions { HomeDirectory = _temp.Path });
        return await connector.ConnectAsync("localhost", Local, CancellationToken.None);
    }
}
