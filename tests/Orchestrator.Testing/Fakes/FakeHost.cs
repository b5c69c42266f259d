using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Transport;

namespace Orchestrator.Testing.Fakes;

/// <summary>
/// An in-memory host for unit tests: files, services, sysctls and scripted command results. It understands the
/// probe and action commands the built-in modules send, and records every command and upload, so tests can
/// assert what would reach a real host (and that check mode sends nothing that changes it).
/// </summary>
public sealed partial class FakeHost(string name)
{
    public string Name { get; } = name;

    public ConcurrentDictionary<string, FakeFile> Files { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, (bool Active, bool Enabled)> Services { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> Sysctls { get; } = new(StringComparer.Ordinal);

    public HashSet<int> OpenPorts { get; } = [];

    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Every command as the connection received it: script text and arguments apart.</summary>
    public ConcurrentQueue<RemoteCommand> Received { get; } = new();

    public ConcurrentQueue<string> Uploads { get; } = new();

    /// <summary>Scripted results for commands (regex on the command text), tried before the built-in emulation.</summary>
    public List<(Regex Pattern, Func<Match, CommandResult> Result)> Scripts { get; } = [];

    public bool Unreachable { get; set; }

    /// <summary>When set, uploads and downloads fail with an <see cref="IOException"/> carrying this message, as a broken transfer does.</summary>
    public string? TransferError { get; set; }

    /// <summary>Commands that would change the host (everything but the modules' read-only probes).</summary>
    public IEnumerable<string> ChangingCommands => Commands.Where(c => !IsProbe(c));

    public void AddFile(string path, string content, string mode = "0644", string owner = "root", string group = "root") =>
        Files[path] = new FakeFile(Encoding.UTF8.GetBytes(content), mode, owner, group);

    public string? Text(string path) => Files.TryGetValue(path, out var f) ? Encoding.UTF8.GetString(f.Content) : null;

    public void Script(string pattern, int rc = 0, string stdout = "", string stderr = "") =>
        Scripts.Add((new Regex(pattern), _ => new CommandResult(rc, stdout, stderr, TimeSpan.Zero)));

    private static bool IsProbe(string c) =>
        c.StartsWith("if [ -e ", StringComparison.Ordinal) || c.StartsWith("[ -e ", StringComparison.Ordinal)
        || c.StartsWith("systemctl is-active", StringComparison.Ordinal) || c.StartsWith("cat -- /proc/sys/", StringComparison.Ordinal)
        || c.Contains("echo READY", StringComparison.Ordinal);

    public CommandResult Run(string command)
    {
        Commands.Enqueue(command);
        foreach (var (pattern, result) in Scripts)
        {
            var m = pattern.Match(command);
            if (m.Success)
            {
                return result(m);
            }
        }

        Match match;
        if ((match = StatProbe().Match(command)).Success)
        {
            var path = Unquote(match.Groups[1].Value);
            if (Files.TryGetValue(path, out var f))
            {
                return Ok($"regular file|{f.Mode.TrimStart('0')}|{f.Owner}|{f.Group}\n{Convert.ToHexStringLower(SHA256.HashData(f.Content))}\n");
            }

            return Directories.Contains(path) ? Ok("directory|755|root|root\n-\n") : Ok("ABSENT\n");
        }

        if ((match = ExistsProbe().Match(command)).Success)
        {
            var path = Unquote(match.Groups[1].Value);
            return Ok(Files.ContainsKey(path) || Directories.Contains(path) ? "yes\n" : "no\n");
        }

        if ((match = ServiceProbe().Match(command)).Success)
        {
            var s = Services.GetValueOrDefault(Unquote(match.Groups[1].Value));
            return Ok($"{(s.Active ? "active" : "inactive")}\n{(s.Enabled ? "enabled" : "disabled")}\n");
        }

        if ((match = ServiceAction().Match(command)).Success)
        {
            var unit = Unquote(match.Groups[2].Value);
            var s = Services.GetValueOrDefault(unit);
            Services[unit] = match.Groups[1].Value switch
            {
                "start" or "restart" or "reload" => (true, s.Enabled),
                "stop" => (false, s.Enabled),
                "enable" => (s.Active, true),
                "disable" => (s.Active, false),
                _ => s,
            };
            return Ok(string.Empty);
        }

        if ((match = SysctlProbe().Match(command)).Success)
        {
            var key = match.Groups[1].Value.Replace('/', '.');
            var file = Unquote(match.Groups[2].Value);
            var live = Sysctls.GetValueOrDefault(key, string.Empty);
            return Ok(live + "\n--orchestrator-sysctl-file--\n" + (Text(file) ?? "__ABSENT__\n"));
        }

        if ((match = SysctlWrite().Match(command)).Success)
        {
            var kv = Unquote(match.Groups[1].Value).Split('=', 2);
            Sysctls[kv[0]] = kv[1];
            return Ok(string.Empty);
        }

        if ((match = WaitOnce().Match(command)).Success || (match = WaitLoop().Match(command)).Success)
        {
            return Ok(Condition(match.Groups[1].Value) ? "READY 1\n" : command.Contains("WAITING", StringComparison.Ordinal) ? "WAITING\n" : "TIMEOUT 1\n");
        }

        if ((match = Remove().Match(command)).Success)
        {
            Files.TryRemove(Unquote(match.Groups[1].Value), out _);
            return Ok(string.Empty);
        }

        if ((match = MakeDirectory().Match(command)).Success)
        {
            Directories.Add(Unquote(match.Groups[1].Value));
            return Ok(string.Empty);
        }

        if ((match = Chmod().Match(command)).Success)
        {
            var path = Unquote(match.Groups[2].Value);
            if (Files.TryGetValue(path, out var f))
            {
                Files[path] = f with { Mode = Unquote(match.Groups[1].Value) };
            }

            return Ok(string.Empty);
        }

        return Ok(string.Empty);
    }

    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);

    private bool Condition(string condition)
    {
        var m = PathExists().Match(condition);
        if (m.Success)
        {
            var exists = Files.ContainsKey(Unquote(m.Groups[2].Value));
            return m.Groups[1].Value == "!" ? !exists : exists;
        }

        var p = PortOpen().Match(condition);
        if (p.Success)
        {
            var open = OpenPorts.Contains(int.Parse(p.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            return p.Groups[1].Value == "! " ? !open : open;
        }

        return true;
    }

    private static CommandResult Ok(string stdout) => new(0, stdout, string.Empty, TimeSpan.Zero);

    internal static string Unquote(string token) =>
        token.StartsWith('\'') && token.EndsWith('\'') ? token[1..^1].Replace("'\"'\"'", "'", StringComparison.Ordinal) : token;

    [GeneratedRegex(@"^if \[ -e ('[^']*'|\S+) \] \|\| \[ -L")]
    private static partial Regex StatProbe();

    [GeneratedRegex(@"^\[ -e ('[^']*'|\S+) \] && echo yes")]
    private static partial Regex ExistsProbe();

    [GeneratedRegex(@"^systemctl is-active (?:-- )?('[^']*'|\S+);")]
    private static partial Regex ServiceProbe();

    [GeneratedRegex(@"^systemctl (start|stop|restart|reload|enable|disable) (?:-- )?('[^']*'|\S+)$")]
    private static partial Regex ServiceAction();

    [GeneratedRegex(@"^cat (?:-- )?/proc/sys/(\S+); echo --orchestrator-sysctl-file--; cat (?:-- )?('[^']*'|\S+)")]
    private static partial Regex SysctlProbe();

    [GeneratedRegex(@"^sysctl -w (?:-- )?('[^']*'|\S+)$")]
    private static partial Regex SysctlWrite();

    [GeneratedRegex(@"^if (.+); then echo READY; else echo WAITING; fi$")]
    private static partial Regex WaitOnce();

    [GeneratedRegex(@"if (.+); then echo READY \$n; exit 0; fi")]
    private static partial Regex WaitLoop();

    [GeneratedRegex(@"^rm -(?:rf|f)(?: --)? ('[^']*'|\S+)$")]
    private static partial Regex Remove();

    [GeneratedRegex(@"^mkdir -p(?: --)? ('[^']*'|\S+)$")]
    private static partial Regex MakeDirectory();

    [GeneratedRegex(@"^chmod (?:-- )?('[^']*'|\S+) ('[^']*'|\S+)$")]
    private static partial Regex Chmod();

    [GeneratedRegex(@"^\[ (!? ?)-e ('[^']*'|\S+) \]$")]
    private static partial Regex PathExistsRaw();

    [GeneratedRegex(@"\[ (!?) ?-e ('[^']*'|\S+) \]")]
    private static partial Regex PathExists();

    [GeneratedRegex(@"^(! )?timeout 2 bash -c 'exec 3<>""/dev/tcp/\$1/\$2""' bash \S+ (\d+)")]
    private static partial Regex PortOpen();
}
