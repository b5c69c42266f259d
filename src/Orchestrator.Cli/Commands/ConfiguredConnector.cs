using Orchestrator.Core.Configuration;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Transport;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// The transport's connector with ansible.cfg's connection settings as defaults: a host's own variables
/// (<c>ansible_user</c>, <c>ansible_ssh_private_key_file</c>, ...) win over them, as in Ansible.
/// </summary>
internal sealed class ConfiguredConnector : IHostConnector, IDisposable
{
    private readonly HostConnector _inner;
    private readonly List<(string[] Names, object Value)> _defaults;
    private readonly Lazy<Secret>? _becomePassword;

    /// <param name="askBecomePassword">Asks for the sudo password (<c>become_ask_pass</c>), once, when the first host connects; null: do not ask.</param>
    public ConfiguredConnector(HostConnector inner, AnsibleConfiguration config, Func<Secret>? askBecomePassword = null)
    {
        _inner = inner;
        _defaults = Defaults(config);
        _becomePassword = askBecomePassword is null ? null : new Lazy<Secret>(askBecomePassword, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Task<IHostConnection> ConnectAsync(string hostName, IReadOnlyDictionary<string, object?> hostVariables, CancellationToken cancellationToken) =>
        _inner.ConnectAsync(hostName, WithDefaults(hostVariables), cancellationToken);

    public void Dispose() => _inner.Dispose();

    internal IReadOnlyDictionary<string, object?> WithDefaults(IReadOnlyDictionary<string, object?> variables)
    {
        Dictionary<string, object?>? merged = null;
        var defaults = _becomePassword is null || BecomePasswordNames.Any(n => variables.ContainsKey(n))
            ? _defaults
            : [.. _defaults, (BecomePasswordNames, _becomePassword.Value)];
        foreach (var (names, value) in defaults)
        {
            // The first name is the one the transport reads first; any alias the host sets already wins.
            if (!names.Any(n => variables.TryGetValue(n, out var v) && v is not null))
            {
                merged ??= new Dictionary<string, object?>(variables, StringComparer.Ordinal);
                merged[names[0]] = value;
            }
        }

        return merged ?? variables;
    }

    private static readonly string[] BecomePasswordNames = ["ansible_become_password", "ansible_become_pass", "ansible_sudo_pass", "ansible_sudo_password"];

    /// <summary>Each setting that is set, as the inventory variable (and its aliases) that overrides it.</summary>
    private static List<(string[] Names, object Value)> Defaults(AnsibleConfiguration config)
    {
        var defaults = new List<(string[], object)>();
        if (config.RemoteUser is { } user)
        {
            defaults.Add((["ansible_user", "ansible_ssh_user"], user));
        }

        if (config.PrivateKeyFile is { } key)
        {
            defaults.Add((["ansible_ssh_private_key_file", "ansible_private_key_file"], key));
        }

        if (config.SshArgs is { } args)
        {
            defaults.Add((["ansible_ssh_args"], args.Replace('\n', ' ')));
        }

        if (!config.HostKeyChecking)
        {
            defaults.Add((["ansible_host_key_checking", "ansible_ssh_host_key_checking"], false));
        }

        if (config.IsSet(SettingNames.BecomeUser))
        {
            defaults.Add((["ansible_become_user", "ansible_sudo_user"], config.BecomeUser));
        }

        return defaults;
    }
}
