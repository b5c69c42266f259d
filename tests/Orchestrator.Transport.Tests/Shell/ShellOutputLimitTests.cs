using Orchestrator.Core.Transport;
using Orchestrator.Testing;

namespace Orchestrator.Transport.Tests.Shell;

/// <summary>
/// Output kept in memory per command is bounded (TransportOptions.MaxOutputBytes): the rest is read and dropped,
/// so the command still runs to its end, and a marker line says how much was dropped. Through the local connection,
/// which runs the same scripts and pumps as SSH.
/// </summary>
public sealed class ShellOutputLimitTests : IDisposable
{
    private const long Limit = 1024 * 1024;
    private static readonly Dictionary<string, object?> Local = new() { ["ansible_connection"] = "local" };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_StdoutPastTheLimit_KeepsTheLimitAndAMarker_AndTheCommandRunsToItsEnd()
    {
        await using var connection = await Connect();

        var result = await connection.RunAsync(new RemoteCommand("head -c 50000000 /dev/zero | tr '\\0' a; echo finished >&2; exit 3"), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("finished\n", result.Stderr);
        Assert.Equal(50_000_000 - Limit, result.TruncatedBytes);
        Assert.True(result.Truncated);
        var marker = $"\n[... {50_000_000 - Limit} bytes truncated by orchestrator]\n";
        Assert.EndsWith(marker, result.Stdout, StringComparison.Ordinal);
        Assert.Equal(Limit + marker.Length, result.Stdout.Length);
    }

    [Fact]
    public async Task RunAsync_StderrPastTheLimit_KeepsTheLimitAndAMarker()
    {
        await using var connection = await Connect();

        var result = await connection.RunAsync(new RemoteCommand("head -c 5000000 /dev/zero | tr '\\0' b >&2; echo out"), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal(5_000_000 - Limit, result.TruncatedBytes);
        Assert.EndsWith($"\n[... {5_000_000 - Limit} bytes truncated by orchestrator]\n", result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Stderr.Length < Limit + 100, $"{result.Stderr.Length} characters of stderr kept");
    }

    [Fact]
    public async Task RunAsync_OutputAtTheLimit_Untouched()
    {
        await using var connection = await Connect();

        var result = await connection.RunAsync(new RemoteCommand($"head -c {Limit} /dev/zero | tr '\\0' c"), CancellationToken.None);

        Assert.False(result.Truncated);
        Assert.Equal(new string('c', (int)Limit), result.Stdout);
    }

    [Fact]
    public async Task DownloadAsync_FilePastTheLimit_Fails()
    {
        var path = _temp.Combine("big.bin");
        File.WriteAllBytes(path, new byte[Limit + 1]);
        await using var connection = await Connect();

        var error = await Assert.ThrowsAsync<IOException>(() => connection.DownloadAsync(path, false, CancellationToken.None));

        Assert.Contains("larger than the transport's output limit", error.Message, StringComparison.Ordinal);
    }

    private async Task<IHostConnection> Connect()
    {
        using var connector = new HostConnector(new TransportOptions { HomeDirectory = _temp.Path, MaxOutputBytes = Limit });
        return await connector.ConnectAsync("localhost", Local, CancellationToken.None);
    }
}
