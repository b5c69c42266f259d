using Orchestrator.Core.Configuration;
using Orchestrator.Core.Secrets;
using Orchestrator.Inventory;
using Orchestrator.Transport;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// What every command that reaches hosts (exec, run, sweep) shares: one redactor for the transport, its log and the
/// command's output; the transport log on stderr; and the transport options built from <see cref="ConnectionCommandSettings"/>,
/// with ansible.cfg's settings (<see cref="AnsibleConfiguration"/>) where the command line gives none.
/// </summary>
internal sealed class CommandTransport
{
    private readonly ConnectionCommandSettings _settings;
    private readonly AnsibleConfiguration _config;
    private readonly TimeProvider _time;

    /// <param name="verbose">Also log connection attempts and retries, not only warnings.</param>
    public CommandTransport(ConnectionCommandSettings settings, AnsibleConfiguration config, TextWriter stderr, bool verbose, TimeProvider time)
    {
        _settings = settings;
        _config = config;
        _time = time;
        Redactor = Output.CliSecrets.Current;
        Log = new StderrLoggerFactory(stderr, Redactor, verbose);
    }

    public SecretRedactor Redactor { get; }

    public StderrLoggerFactory Log { get; }

    /// <summary>Redacts the secrets among the hosts' variables: <see cref="Secret"/> values and values under secret names.</summary>
    public void AddSecretsOf(IEnumerable<InventoryHost> hosts)
    {
        foreach (var host in hosts)
        {
            SecretCollector.AddVariables(Redactor, host.Variables);
        }
    }

    /// <param name="concurrentConnections">Hosts worked on at once (forks, at most the host count).</param>
    /// <param name="commandTimeout">Default per-command timeout (exec's <c>--task-timeout</c>); null: none.</param>
    public ConfiguredConnector Connect(int concurrentConnections, TimeSpan? commandTimeout = null) =>
        new(new HostConnector(Options(concurrentConnections, commandTimeout)), _config, _config.BecomeAskPass ? AskBecomePassword : null);

    private Secret AskBecomePassword()
    {
        var password = BecomePasswordPrompt.Ask(_config);
        Redactor.Add(password);
        return password;
    }

    internal TransportOptions Options(int concurrentConnections, TimeSpan? commandTimeout = null) => new()
    {
        SshConfigPath = _settings.SshConfig,
        HostKeyCheckingOverride = _settings.HostKeyCheckingMode,
        ConnectTimeout = TimeSpan.FromSeconds(_settings.Timeout ?? _config.Timeout),
        CommandTimeout = commandTimeout,
        ConcurrentConnections = concurrentConnections,
        PassphraseProvider = new ConsolePassphraseProvider(),
        Redactor = Redactor,
        TimeProvider = _time,
        LoggerFactory = Log,
    };
}
