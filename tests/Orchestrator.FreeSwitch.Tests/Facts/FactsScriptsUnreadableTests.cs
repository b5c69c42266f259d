using System.Diagnostics;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Facts;

/// <summary>
/// The real facts script (bash 5 and POSIX variants) run locally with a tool taken out of PATH: the section that needs it
/// is unreadable and names the tool, instead of printing nothing that would read as "nothing there".
/// </summary>
public sealed class FactsScriptsUnreadableTests : IDisposable
{
    private readonly TempDirectory _tree = ConfTrees.CopyVanilla();
    private readonly TempDirectory _bin = new("orch-bin-");

    public FactsScriptsUnreadableTests() => File.WriteAllText(Path.Combine(_tree.Path, "freeswitch.log"), "2026-12-01 10:00:00.000000 [INFO] started\n");

    public void Dispose()
    {
        _tree.Dispose();
        _bin.Dispose();
    }

    private FreeSwitchFactsOptions Options() => new() { ConfDir = _tree.Path, LogFile = Path.Combine(_tree.Path, "freeswitch.log") };

    [Theory]
    [InlineData(true, "ip", "addresses")]
    [InlineData(false, "ip", "addresses")]
    [InlineData(true, "tar", "conf_tar")]
    [InlineData(false, "gzip", "conf_tar")]
    [InlineData(true, "pgrep", "pid")]
    [InlineData(false, "pgrep", "pid")]
    [InlineData(true, "grep", "bind_errors")]
    [InlineData(false, "awk", "bind_errors")]
    [InlineData(false, "cat", "port_range")]
    public async Task SystemScript_ToolMissingFromPath_SectionUnreadableNamingIt(bool bash, string tool, string section)
    {
        var system = await RunAsync(bash, without: tool);

        Assert.True(system.Unreadable.TryGetValue(section, out var why), $"{section} was read without {tool}: {string.Join("; ", system.Unreadable)}");
        Assert.StartsWith($"missing tool: {tool} (not found in PATH=", why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SystemScript_EveryToolThere_NoSectionUnreadable(bool bash)
    {
        var system = await RunAsync(bash, without: null);

        Assert.Empty(system.Unreadable);
        Assert.True(system.BindErrors.Readable);
    }

    [Fact]
    public async Task SystemScript_LogMissing_SaysFileMissingNotZeroLines()
    {
        File.Delete(Path.Combine(_tree.Path, "freeswitch.log"));

        var system = await RunAsync(bash: true, without: null);

        Assert.False(system.BindErrors.Readable);
        Assert.Equal($"file missing: the log {Path.Combine(_tree.Path, "freeswitch.log")}", system.Unreadable["bind_errors"]);
    }

    /// <summary>Runs the system part with PATH holding every tool of /usr/bin and /bin but <paramref name="without"/>.</summary>
    private async Task<SystemFacts> RunAsync(bool bash, string? without)
    {
        foreach (var dir in new[] { "/usr/bin", "/bin", "/usr/sbin", "/sbin" })
        {
            foreach (var file in Directory.Exists(dir) ? Directory.EnumerateFiles(dir) : [])
            {
                var link = Path.Combine(_bin.Path, Path.GetFileName(file));
                if (Path.GetFileName(file) != without && !File.Exists(link) && !Directory.Exists(link))
                {
                    File.CreateSymbolicLink(link, file);
                }
            }
        }

        var options = Options();
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(bash ? FactsScripts.System(options) : FactsScripts.SystemPosix(options));
        psi.Environment["PATH"] = _bin.Path;
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = FactsOutput.Parse(stdout);
        Assert.True(output.Contains("bind_errors"), $"the script did not complete (rc={process.ExitCode}): {await stderr}\n{stdout}");
        return SystemFacts.Read(output, options);
    }
}
