using Orchestrator.Core.Transport;
using Orchestrator.Testing;

namespace Orchestrator.Transport.Tests.Shell;

/// <summary>A command's arguments reach its script as positional parameters, through the real /bin/sh (local connection).</summary>
public sealed class ShellHostConnectionTests : IDisposable
{
    private static readonly Dictionary<string, object?> Local = new() { ["ansible_connection"] = "local" };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_Arguments_ArriveLiterallyAsPositionalParameters_NothingRuns()
    {
        var marker = _temp.Combine("pwned");
        string[] values =
        [
            $"-x $(touch {marker})", $"`touch {marker}`", $"a; touch {marker}", $"a\ntouch {marker}", $"'; touch {marker}; '",
            $"\"; touch {marker}; \"", string.Empty, "  spaced  ", "ünïcode \\ back\\slash",
        ];
        await using var connection = await Connect();

        var result = await connection.RunAsync(
            RemoteCommand.Script("echo \"$#\"; for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done", values), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{values.Length}\n" + string.Concat(values.Select(v => $"<{v}>\n")), result.Stdout);
        Assert.False(File.Exists(marker), "an argument ran as code");
    }

    [Fact]
    public async Task RunAsync_NoArguments_ScriptRunsAsWritten()
    {
        await using var connection = await Connect();

        var result = await connection.RunAsync(RemoteCommand.Script("echo \"$#\" \"$1\""), CancellationToken.None);

        Assert.Equal("0 \n", result.Stdout);
    }

    [Fact]
    public void ShellText_NulInAnArgument_Refused()
    {
        var command = RemoteCommand.Script("cat -- \"$1\"", "a\0b");

        Assert.Throws<ArgumentException>(command.ShellText);
    }

    private async Task<IHostConnection> Connect()
    {
        using var connector = new HostConnector(new TransportOptions { HomeDirectory = _temp.Path });
        return await connector.ConnectAsync("localhost", Local, CancellationToken.None);
    }
}
