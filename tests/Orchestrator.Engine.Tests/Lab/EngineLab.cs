using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Shell;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Testing;
using Orchestrator.Testing.Labs;
using Orchestrator.Transport;

namespace Orchestrator.Engine.Tests.Lab;

/// <summary>
/// A lab (real sshd, sudo, /etc/freeswitch, systemctl and sysctl shims per host) per test class, with a directory for
/// the playbooks and templates the tests write. Lab names start with "en".
/// </summary>
public abstract class EngineLab(string purpose, int hosts) : LabFixture("en" + purpose, hosts)
{
    private readonly TempDirectory _work = new("engine-lab-");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _work.Dispose();
    }

    /// <summary>Writes a file under the lab's work directory and returns its path.</summary>
    public string Write(string relativePath, string content) => _work.Write(relativePath, content);

    /// <summary>Runs a playbook in-process through the public API and the real SSH transport.</summary>
    public async Task<(PlaybookRunResult Result, RecordingRunOutput Events)> RunAsync(
        string playbookPath, bool check = false, bool diff = false, IReadOnlyDictionary<string, object?>? extraVars = null, string? limit = null)
    {
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor, ConnectTimeout = TimeSpan.FromSeconds(5) });
        var events = new RecordingRunOutput();
        var result = await PlaybookRunner.RunAsync(
            new PlaybookRunOptions
            {
                PlaybookPath = playbookPath,
                Inventory = InventoryLoader.Load([Lab.InventoryPath]),
                Connector = connector,
                Check = check,
                Diff = diff,
                DetailedExitCode = check,
                ExtraVars = extraVars ?? new Dictionary<string, object?>(),
                Limit = limit,
                Output = events,
                Redactor = redactor,
            },
            CancellationToken.None);
        return (result, events);
    }

    /// <summary>Checksums, modes, owners and mtimes of paths, plus sysctl values and the freeswitch pid, read as root inside the host.</summary>
    public async Task<string> SnapshotAsync(string host, IEnumerable<string> paths, IEnumerable<string> sysctls)
    {
        var sb = new StringBuilder();
        foreach (var path in paths)
        {
            var q = ShellQuote.Quote(path);
            var r = await Lab.ExecInHostAsync(host, $"if [ -e {q} ]; then sha256sum {q} | cut -d' ' -f1; stat -c '%a %U %G %s %Y.%y' {q}; else echo absent; fi", CancellationToken.None);
            sb.Append(path).Append(": ").Append(r.Stdout.Trim().Replace('\n', ' ')).Append('\n');
        }

        foreach (var key in sysctls)
        {
            var r = await Lab.ExecInHostAsync(host, $"cat /proc/sys/{key.Replace('.', '/')}", CancellationToken.None);
            sb.Append(key).Append(" = ").Append(r.Stdout.Trim()).Append('\n');
        }

        var pid = await Lab.ExecInHostAsync(host, "cat /run/freeswitch/freeswitch.pid 2>/dev/null || echo none", CancellationToken.None);
        sb.Append("freeswitch pid ").Append(pid.Stdout.Trim()).Append('\n');
        return sb.ToString();
    }
}
