using System.Diagnostics;
using System.Text.RegularExpressions;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests;

/// <summary><c>orchestrator --version</c> and its spellings, through the built executable.</summary>
public sealed class VersionOptionTests
{
    [Theory]
    [InlineData("--version")]
    [InlineData("-V")]
    [InlineData("-v")]
    public async Task Version_PrintsNameAndStampedVersion_ExitsZero(string option)
    {
        var result = await CliRunner.RunAsync(Path.GetTempPath(), option);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        var stamped = FileVersionInfo.GetVersionInfo(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll")).ProductVersion;
        Assert.False(string.IsNullOrEmpty(stamped));
        Assert.Equal($"orchestrator {stamped}\n", result.Stdout);
        Assert.Matches(@"^orchestrator \d+\.\d+\.\d+", result.Stdout);

        // Built in a git checkout (as here), the SDK appends the commit: a build that lost it would show only "1.0.0".
        var root = RepoPaths.Root;
        if (Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git")))
        {
            Assert.Matches(new Regex(@"\+[0-9a-f]{40}\n$"), result.Stdout);
        }
    }

    [Fact]
    public async Task Help_ListsTheVersionOption()
    {
        var result = await CliRunner.RunAsync(Path.GetTempPath(), "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("-v, --version", result.Stdout, StringComparison.Ordinal);
    }
}
