using Microsoft.Extensions.Logging;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Shell;
using Orchestrator.Transport.KnownHosts;
using Orchestrator.Transport.SshConfig;

namespace Orchestrator.Transport.Settings;

/// <summary>
/// Resolves a host's connection settings as <c>ansible -c ssh</c> would hand them to OpenSSH:
/// ansible_* variables first, then <c>ansible_ssh_common_args</c>/<c>ansible_ssh_extra_args</c>, then
/// ssh_config; the first obtained value wins. The CLI's <c>--host-key-checking</c> beats all of them.
/// </summary>
internal sealed class ConnectionSettingsResolver
{
    private const int MaxJumpDepth = 8;

    private readonly TransportOptions _options;
    private readonly ILogger _logger;
    private readonly string _home;
    private readonly string _localUser;
    private readonly Dictionary<string, SshConfigResolver> _configs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ConnectionSettingsResolver(TransportOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _home = options.HomeDirectory ?? Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        _localUser = options.LocalUserName ?? Environment.UserName;
    }

    public HostConnectionSettings Resolve(string inventoryName, IReadOnlyDictionary<string, object?> variables)
    {
        var vars = new HostVariables(inventoryName, variables);
        var become = ResolveBecome(inventoryName, vars);
        var connection = (vars.String("ansible_connection") ?? "ssh").ToLowerInvariant();
        switch (connection)
        {
            case "local":
                return new HostConnectionSettings(inventoryName, ConnectionKind.Local, null, [], become, _options.ConnectTimeout, _options.KeepAliveInterval);
            case "ssh" or "smart" or "paramiko" or "paramiko_ssh":
                break;
            default:
                throw new UserInputException($"host '{inventoryName}': ansible_connection '{connection}' is not supported; expected 'ssh' or 'local'.");
        }

        var hostArgument = vars.String("ansible_host", "ansible_ssh_host") ?? inventoryName;
        var variableLocation = new SourceLocation($"inventory variables of host '{inventoryName}'", 0, 0);

        // As Ansible does: its own variables become -o options ahead of the user's ssh args.
        var args = new SshArguments();
        if (vars.Port("ansible_port") is { } port)
        {
            args.AddOption("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), variableLocation);
        }
        else if (vars.Port("ansible_ssh_port") is { } legacyPort)
        {
            args.AddOption("port", legacyPort.ToString(System.Globalization.CultureInfo.InvariantCulture), variableLocation);
        }

        if (vars.String("ansible_user", "ansible_ssh_user") is { } user)
        {
            args.AddOption("user", user, variableLocation);
        }

        if (vars.String("ansible_ssh_private_key_file", "ansible_private_key_file") is { } keyFile)
        {
            args.AddOption("identityfile", keyFile, variableLocation);
        }

        foreach (var name in (string[])["ansible_ssh_args", "ansible_ssh_common_args", "ansible_ssh_extra_args"])
        {
            SshArguments.Parse(inventoryName, name, vars.String(name), args);
        }

        var configResolver = ConfigResolver(args.ConfigFile);
        var config = new SshHostConfig();
        foreach (var line in args.Lines)
        {
            SshConfigResolver.Apply(line, config);
        }

        configResolver.Resolve(hostArgument, config);

        var mode = _options.HostKeyCheckingOverride
            ?? (vars.Bool("ansible_host_key_checking", "ansible_ssh_host_key_checking") == false ? HostKeyChecking.Off : (HostKeyChecking?)null)
            ?? config.StrictHostKeyChecking?.Value
            ?? HostKeyChecking.Strict;

        var password = vars.Secret("ansible_password", "ansible_ssh_pass", "ansible_ssh_password");
        if (password is not null)
        {
            _options.Redactor.Add(password);
        }

        var target = Endpoint(inventoryName, hostArgument, config, password, mode, inherited: null);

        if (config.ProxyCommand is { } proxyCommand && !string.Equals(proxyCommand.Value, "none", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserInputException($"ProxyCommand is not supported (host '{inventoryName}'); use ProxyJump (-J) for jump hosts.", proxyCommand.Location);
        }

        var jumps = new List<SshEndpoint>();
        if (config.ProxyJump is { } jump)
        {
            AddJumps(inventoryName, jump.Value, configResolver, target, jumps, depth: 0);
        }

        var keepAlive = config.ServerAliveInterval?.Value ?? _options.KeepAliveInterval;
        return new HostConnectionSettings(inventoryName, ConnectionKind.Ssh, target, jumps, become, _options.ConnectTimeout, keepAlive);
    }

    private void AddJumps(string inventoryName, IReadOnlyList<JumpHop> hops, SshConfigResolver configResolver, SshEndpoint target, List<SshEndpoint> jumps, int depth)
    {
        foreach (var hop in hops)
        {
            var hopConfig = new SshHostConfig();
            var location = new SourceLocation($"ProxyJump of host '{inventoryName}'", 0, 0);
            if (hop.User is not null)
            {
                SshConfigResolver.Apply(new SshConfigLine("user", [hop.User], location), hopConfig);
            }

            if (hop.Port is { } port)
            {
                SshConfigResolver.Apply(new SshConfigLine("port", [port.ToString(System.Globalization.CultureInfo.InvariantCulture)], location), hopConfig);
            }

            configResolver.Resolve(hop.Host, hopConfig);

            // A jump host's own ProxyJump comes first in the chain, as when OpenSSH runs ssh -J for the hop.
            if (hopConfig.ProxyJump is { Value.Count: > 0 } nested)
            {
                if (depth >= MaxJumpDepth)
                {
                    throw new UserInputException($"ProxyJump chain for host '{inventoryName}' is longer than {MaxJumpDepth} hops; is there a loop?", nested.Location);
                }

                AddJumps(inventoryName, nested.Value, configResolver, target, jumps, depth + 1);
            }

            var mode = _options.HostKeyCheckingOverride ?? hopConfig.StrictHostKeyChecking?.Value ?? target.HostKeys.Mode;
            jumps.Add(Endpoint($"{hop.Host} (jump host for {inventoryName})", hop.Host, hopConfig, password: null, mode, inherited: target));
        }
    }

    /// <param name="inherited">For a jump host: the target, whose keys and known_hosts files it falls back to.</param>
    private SshEndpoint Endpoint(string displayName, string hostArgument, SshHostConfig config, Orchestrator.Core.Secrets.Secret? password, HostKeyChecking mode, SshEndpoint? inherited)
    {
        var hostName = config.HostName is { } h ? SshTokens.ExpandHostName(h.Value, Context(hostArgument, hostArgument, 22, ""), h.Location) : hostArgument;
        var port = config.Port?.Value ?? 22;
        var user = config.User?.Value ?? _localUser;
        var context = Context(hostArgument, hostName, port, user);

        var identities = config.IdentityFiles
            .Select(i => new IdentityFile(SshTokens.ExpandPath(i.Value, context, i.Location), true, i.Location))
            .ToList();
        if (identities.Count == 0)
        {
            identities = inherited?.Identities.ToList()
                ?? new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(n => new IdentityFile(Path.Combine(_home, ".ssh", n), false, null)).ToList();
        }

        var userFiles = config.UserKnownHostsFiles is { } u
            ? u.Value.Where(f => f != "none").Select(f => SshTokens.ExpandPath(f, context, u.Location)).ToList()
            : inherited?.HostKeys.UserFiles.ToList() ?? [Path.Combine(_home, ".ssh", "known_hosts"), Path.Combine(_home, ".ssh", "known_hosts2")];
        var globalFiles = config.GlobalKnownHostsFiles is { } g
            ? g.Value.Where(f => f != "none").Select(f => SshTokens.ExpandPath(f, context, g.Location)).ToList()
            : inherited?.HostKeys.GlobalFiles.ToList() ?? ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"];
        var hash = config.HashKnownHosts?.Value ?? inherited?.HostKeys.HashNewEntries ?? false;
        var policy = new HostKeyPolicy(mode, userFiles, globalFiles, hash);

        return new SshEndpoint(
            displayName,
            hostName,
            port,
            user,
            identities,
            password,
            UsePublicKey: config.PubkeyAuthentication?.Value ?? true,
            UsePassword: config.PasswordAuthentication?.Value ?? true,
            policy,
            config.HostKeyAlias?.Value ?? hostName,
            config.KexAlgorithms ?? inherited?.KexAlgorithms);
    }

    private BecomeSettings ResolveBecome(string inventoryName, HostVariables vars)
    {
        var method = vars.String("ansible_become_method") ?? "sudo";
        var enabled = vars.Bool("ansible_become", "ansible_sudo") ?? false;
        if (!string.Equals(method, "sudo", StringComparison.Ordinal))
        {
            throw new UserInputException($"host '{inventoryName}': ansible_become_method '{method}' is not supported; expected 'sudo'.");
        }

        var password = vars.Secret("ansible_become_password", "ansible_become_pass", "ansible_sudo_pass", "ansible_sudo_password");
        if (password is not null)
        {
            _options.Redactor.Add(password);
        }

        var flagsText = vars.String("ansible_become_flags");
        List<string> flags;
        try
        {
            flags = flagsText is null ? [.. BecomeSettings.Default.Flags] : Shlex.Split(flagsText);
        }
        catch (FormatException ex)
        {
            throw new UserInputException($"host '{inventoryName}': ansible_become_flags: {ex.Message}.");
        }

        return new BecomeSettings(
            enabled,
            vars.String("ansible_become_user", "ansible_sudo_user") ?? "root",
            password,
            vars.String("ansible_become_exe") ?? "sudo",
            flags);
    }

    private TokenContext Context(string original, string hostName, int port, string user) =>
        new(original, hostName, port, user, _localUser, _home);

    private SshConfigResolver ConfigResolver(string? fromArgs)
    {
        var path = fromArgs ?? _options.SshConfigPath;
        var key = path ?? "~default~";
        lock (_gate)
        {
            if (_configs.TryGetValue(key, out var cached))
            {
                return cached;
            }

            SshConfigFile? file;
            if (path is not null)
            {
                var expanded = path.StartsWith("~/", StringComparison.Ordinal) ? _home + path[1..] : path;
                file = SshConfigFile.Load(expanded);
            }
            else
            {
                var defaultPath = Path.Combine(_home, ".ssh", "config");
                file = File.Exists(defaultPath) ? SshConfigFile.Load(defaultPath) : null;
            }

            var resolver = new SshConfigResolver(file, _home, _logger);
            _configs[key] = resolver;
            return resolver;
        }
    }
}
