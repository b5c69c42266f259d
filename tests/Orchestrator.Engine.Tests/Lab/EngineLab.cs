using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Inventory;
using Orchestrator.Lab;
using Orchestrator.Transport;

namespace Orchestrator.Engine.Tests.Lab;

/// <summary>
/// One lab (real sshd, sudo, /etc/freeswitch, systemctl and sysctl shims per host) per test class, brought up
/// once and taken down after the class's last test even when tests fail. Lab names start with "en".
/// </summary>
public abstract class EngineLab : IAsyncLifetime
{
    private static readonly string CheckoutTag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..4];

    private readonly string _purpose;
    private readonly int _hosts;
    private LabFleet? _lab;

    protected EngineLab(string purpose, int hosts)
    {
        _purpose = purpose;
        _hosts = hosts;
    }

    public LabFleet Lab => _lab ?? throw new InvalidOperationException("the lab did not come up");

    /// <summary>Where tests write their playbooks and templates.</summary>
    public string Work { get; } = Directory.CreateTempSubdirectory("engine-lab-").FullName;

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("the engine's lab tests need root (network namespaces, per-host sshd); run them as root.");
        }

        var name = $"en{_purpose}-{CheckoutTag}";
        var directory = Path.Combine(Path.GetTempPath(), "orchestrator-engine-tests", "labs", name);
        await LabFleet.DownAsync(directory, CancellationToken.None);
        _lab = await LabFleet.UpAsync(new LabOptions { Name = name, Directory = directory, Hosts = _hosts }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        Directory.Delete(Work, recursive: true);
    }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Work, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs a playbook in-process through the public API and the real SSH transport.</summary>
    public async Task<(PlaybookRunResult Result, Orchestrator.Engine.Output.RecordingRunOutput Events, string Text)> RunAsync(
        string playbookPath, bool check = false, bool diff = false, IReadOnlyDictionary<string, object?>? extraVars = null, string? limit = null)
    {
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor, ConnectTimeout = TimeSpan.FromSeconds(5) });
        var events = new Orchestrator.Engine.Output.RecordingRunOutput();
        var text = new StringWriter();
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
                Output = new Orchestrator.Engine.Output.CompositeRunOutput(events, new Orchestrator.Cli.Output.TextRunOutput(text, 1)),
                Redactor = redactor,
            },
            CancellationToken.None);
        return (result, events, text.ToString());
    }

    /// <summary>Runs the orchestrator CLI (built next to the tests) as a separate process.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"orchestrator {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Checksums, modes, owners and mtimes of paths, plus sysctl values and the freeswitch pid, read as root inside the host.</summary>
    public async Task<string> SnapshotAsync(string host, IEnumerable<string> paths, IEnumerable<string> sysctls)
    {
        var sb = new StringBuilder();
        foreach (var path in paths)
        {
            var q = "'" + path.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
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
