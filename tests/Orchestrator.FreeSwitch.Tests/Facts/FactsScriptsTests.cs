using System.Diagnostics;
using System.Globalization;
using Orchestrator.Core.Shell;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Facts;

/// <summary>The composed facts script for real on this machine: both variants, and what the transport does to it.</summary>
public sealed class FactsScriptsTests : IDisposable
{
    private readonly TempDirectory _tree = ConfTrees.CopyVanilla();

    public void Dispose() => _tree.Dispose();

    private FreeSwitchFactsOptions Options()
    {
        var log = Path.Combine(_tree.Path, "freeswitch.log");
        var stamp = TimeProvider.System.GetLocalNow().AddMinutes(-5).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        File.WriteAllText(log, $"0a1b {stamp} 97.50% [ERR] switch_core_media.c:9648 AUDIO RTP REPORTS ERROR: [Bind Error! 10.0.0.5:20010]\n");
        return new FreeSwitchFactsOptions { ConfDir = _tree.Path, LogFile = log, SkipApi = true };
    }

    [Fact]
    public async Task System_WithoutBash_RunsThePosixVariantAndReportsTheSame()
    {
        Assert.True(File.Exists("/usr/bin/ss") || File.Exists("/usr/sbin/ss") || File.Exists("/bin/ss"), "ss (iproute2) is needed: scripts/install-deps.sh installs it");
        var options = Options();
        using var noBash = new TempDirectory("orch-fs-");
        foreach (var dir in new[] { "/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin" }.Where(Directory.Exists))
        {
            foreach (var tool in Directory.EnumerateFiles(dir).Where(f => Path.GetFileName(f) != "bash"))
            {
                var link = Path.Combine(noBash.Path, Path.GetFileName(tool));
                if (!File.Exists(link))
                {
                    File.CreateSymbolicLink(link, tool);
                }
            }
        }

        var viaBash = await RunAsync(FactsScripts.System(options), path: null);
        var viaPosix = await RunAsync(FactsScripts.System(options), path: noBash.Path);
        var bash = SystemFacts.Read(FactsOutput.Parse(viaBash), options);
        var posix = SystemFacts.Read(FactsOutput.Parse(viaPosix), options);

        // With socket_table auto, bash reads /proc and the POSIX variant runs ss: which one ran shows.
        Assert.Equal(("proc", "ss"), (bash.SocketSource, posix.SocketSource));
        Assert.Equal((posix.ConfDir, posix.Hostname, posix.LocalIpV4, posix.EphemeralRange, posix.ReservedPorts.ToString()),
            (bash.ConfDir, bash.Hostname, bash.LocalIpV4, bash.EphemeralRange, bash.ReservedPorts.ToString()));
        Assert.Equal((1L, true), (bash.BindErrors.Rtp, bash.BindErrors.Readable));
        Assert.Equal((posix.BindErrors.Rtp, posix.BindErrors.Rtcp, posix.BindErrors.LastLine), (bash.BindErrors.Rtp, bash.BindErrors.Rtcp, bash.BindErrors.LastLine));
        Assert.Equal(ConfTrees.TarEntries(posix.ConfTar.Value), ConfTrees.TarEntries(bash.ConfTar.Value));
        Assert.Empty(bash.Unreadable);
        Assert.Empty(posix.Unreadable);
    }

    [Fact]
    public void Facts_WrappedBySudoAndTheTransport_FitsOneSshExecRequest()
    {
        // The transport runs `exec /bin/sh -c QUOTED` whose script runs `sudo ... /bin/sh -c QUOTED`: two more levels of
        // quoting around the facts script. SSH.NET refuses an exec request over 68536 bytes.
        var options = new FreeSwitchFactsOptions
        {
            ConfDir = "/srv/freeswitch's/" + new string('c', 200),
            LogFile = "/var/log/freeswitch's/" + new string('l', 200),
            FsCliPath = "/opt/freeswitch's/bin/fs_cli",
        };
        var probes = new TextContribution("probes", string.Join('\n', Enumerable.Range(0, 20).Select(i => $"timeout 30 sh -c 'systemctl is-active unit{i}' </dev/null >\"$d/{i}.o\" 2>\"$d/{i}.e\"")));
        var script = FactsScripts.Facts(options, [probes]);
        var become = "sudo -n -u root /bin/sh -c " + ShellQuote.Quote(script);
        var exec = "exec /bin/sh -c " + ShellQuote.Quote("printf '\\036orchestrator-pgid %s\\n' $$ >&2\n" + become);

        Assert.True(exec.Length < 60000, $"the facts script takes {exec.Length} bytes once wrapped");
    }

    [Fact]
    public async Task Facts_WithContributions_RunAfterTheFactsAndKeepTheirExitCode()
    {
        var script = FactsScripts.Facts(Options(), [new TextContribution("first", "echo one; false"), new TextContribution("second", "echo two")]);

        var run = await LocalShell.Run(script, null, CancellationToken.None);
        var output = FactsOutput.Parse(run.Stdout);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("one", "two"), (output.Find("first"), output.Find("second")));
        Assert.True(output.Contains("bind_errors"));
    }

    private static async Task<string> RunAsync(string script, string? path)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        if (path is not null)
        {
            psi.Environment["PATH"] = path;
        }

        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"the script failed (rc={process.ExitCode})");
        return stdout;
    }
}
