using Microsoft.Extensions.Logging;
using Orchestrator.Core.Errors;

namespace Orchestrator.Transport.SshConfig;

/// <summary>
/// Evaluates an ssh_config file for a host the way OpenSSH's readconf does: lines before the first
/// <c>Host</c> apply to every host, a <c>Host</c> line applies when one of its patterns matches and no
/// negated one does, the first obtained value of an option wins (IdentityFile accumulates), and
/// <c>Include</c> is read in place. <c>Match</c> blocks are ignored with a warning.
/// </summary>
internal sealed class SshConfigResolver
{
    private const int MaxIncludeDepth = 16;

    private readonly SshConfigFile? _file;
    private readonly string _homeDirectory;
    private readonly ILogger _logger;
    private readonly HashSet<SourceLocation> _warned = [];
    private readonly Dictionary<string, SshConfigFile> _includes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="file">The config to read; null means none (every host gets defaults).</param>
    public SshConfigResolver(SshConfigFile? file, string homeDirectory, ILogger logger)
    {
        _file = file;
        _homeDirectory = homeDirectory;
        _logger = logger;
    }

    public string? Path => _file?.Path;

    /// <param name="host">The host name as given (ansible_host, or the inventory name), before HostName.</param>
    /// <param name="into">Options already obtained (from the command line); they win over the file.</param>
    public SshHostConfig Resolve(string host, SshHostConfig? into = null)
    {
        var result = into ?? new SshHostConfig();
        if (_file is not null)
        {
            lock (_gate)
            {
                Walk(_file, host, result, active: true, depth: 0);
            }
        }

        return result;
    }

    private void Walk(SshConfigFile file, string host, SshHostConfig result, bool active, int depth)
    {
        foreach (var line in file.Lines)
        {
            switch (line.Keyword)
            {
                case "host":
                    active = WildcardPattern.MatchesList(host, line.Args);
                    break;
                case "match":
                    active = false;
                    if (_warned.Add(line.Location))
                    {
                        _logger.LogWarning("{Location}: 'Match' blocks are not supported; the options under it are ignored.", line.Location);
                    }

                    break;
                case "include":
                    if (!active)
                    {
                        break;
                    }

                    if (depth >= MaxIncludeDepth)
                    {
                        throw new UserInputException($"Include nested more than {MaxIncludeDepth} levels deep; is an Include loop?", line.Location);
                    }

                    foreach (var included in ExpandInclude(line))
                    {
                        // As in OpenSSH, a Host line inside the included file does not leak back out.
                        Walk(included, host, result, active, depth + 1);
                    }

                    break;
                default:
                    if (active)
                    {
                        Apply(line, result);
                    }

                    break;
            }
        }
    }

    private IEnumerable<SshConfigFile> ExpandInclude(SshConfigLine line)
    {
        foreach (var arg in line.Args)
        {
            var pattern = arg.StartsWith('~') ? _homeDirectory + arg[1..] : arg;
            if (!System.IO.Path.IsPathRooted(pattern))
            {
                pattern = System.IO.Path.Combine(_homeDirectory, ".ssh", pattern);
            }

            var directory = System.IO.Path.GetDirectoryName(pattern)!;
            var name = System.IO.Path.GetFileName(pattern);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var matches = name.Contains('*') || name.Contains('?')
                ? Directory.GetFiles(directory).Where(f => WildcardPattern.IsMatch(System.IO.Path.GetFileName(f), name, ignoreCase: false)).Order(StringComparer.Ordinal)
                : File.Exists(pattern) ? [pattern] : Enumerable.Empty<string>();
            foreach (var path in matches)
            {
                if (!_includes.TryGetValue(path, out var file))
                {
                    file = SshConfigFile.Load(path);
                    _includes[path] = file;
                }

                yield return file;
            }
        }
    }

    /// <summary>Records one option unless an earlier line already set it (OpenSSH: first obtained value wins).</summary>
    public static void Apply(SshConfigLine line, SshHostConfig r)
    {
        var value = line.Args[0];
        var at = line.Location;
        switch (line.Keyword)
        {
            case "hostname":
                r.HostName ??= new(value, at);
                break;
            case "user":
                r.User ??= new(value, at);
                break;
            case "port":
                r.Port ??= new(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), at);
                break;
            case "identityfile":
                if (!r.IdentityFiles.Any(i => i.Value == value))
                {
                    r.IdentityFiles.Add(new(value, at));
                }

                break;
            case "proxyjump":
                if (r.ProxyJump is null && r.ProxyCommand is null)
                {
                    r.ProxyJump = new(ProxyJumpSpec.Parse(value, at), at);
                }

                break;
            case "proxycommand":
                if (r.ProxyJump is null && r.ProxyCommand is null)
                {
                    r.ProxyCommand = new(string.Join(' ', line.Args), at);
                }

                break;
            case "userknownhostsfile":
                r.UserKnownHostsFiles ??= new(line.Args.ToList(), at);
                break;
            case "globalknownhostsfile":
                r.GlobalKnownHostsFiles ??= new(line.Args.ToList(), at);
                break;
            case "stricthostkeychecking":
                r.StrictHostKeyChecking ??= new(SshConfigFile.ParseStrictHostKeyChecking(value)!.Value, at);
                break;
            case "hashknownhosts":
                r.HashKnownHosts ??= new(SshConfigFile.ParseYesNo(value)!.Value, at);
                break;
            case "hostkeyalias":
                r.HostKeyAlias ??= new(value, at);
                break;
            case "connecttimeout":
                r.ConnectTimeout ??= new(TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)), at);
                break;
            case "serveraliveinterval":
                r.ServerAliveInterval ??= new(TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)), at);
                break;
            case "passwordauthentication":
                r.PasswordAuthentication ??= new(SshConfigFile.ParseYesNo(value)!.Value, at);
                break;
            case "kexalgorithms":
                r.KexAlgorithms ??= new(value, at);
                break;
            case "pubkeyauthentication":
                r.PubkeyAuthentication ??= new(SshConfigFile.ParseYesNo(value)!.Value, at);
                break;
        }
    }
}
