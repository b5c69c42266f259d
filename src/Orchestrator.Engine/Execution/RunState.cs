using System.Collections.Concurrent;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;
using Orchestrator.Inventory;

namespace Orchestrator.Engine.Execution;

/// <summary>Counters for the PLAY RECAP line of one host.</summary>
internal sealed class HostCounters
{
    private int _ok;
    private int _changed;
    private int _unreachable;
    private int _failed;
    private int _skipped;
    private int _rescued;
    private int _ignored;
    private int _unknown;

    public void AddOk() => Interlocked.Increment(ref _ok);

    public void AddChanged() => Interlocked.Increment(ref _changed);

    public void AddUnreachable() => Interlocked.Increment(ref _unreachable);

    public void AddFailed() => Interlocked.Increment(ref _failed);

    public void AddSkipped() => Interlocked.Increment(ref _skipped);

    public void AddRescued() => Interlocked.Increment(ref _rescued);

    public void AddIgnored() => Interlocked.Increment(ref _ignored);

    public void AddUnknown() => Interlocked.Increment(ref _unknown);

    public HostRecap ToRecap(string host) => new(host, _ok, _changed, _unreachable, _failed, _skipped, _rescued, _ignored, _unknown);

    public bool AnyChangeOrUnknown => _changed > 0 || _unknown > 0;
}

/// <summary>Everything the run knows about one host; lives for the whole run (facts persist across plays).</summary>
internal sealed class HostState(InventoryHost host)
{
    public InventoryHost Host { get; } = host;

    public string Name => Host.Name;

    /// <summary>Registered results and set_fact values (persist across plays, as in Ansible).</summary>
    public ConcurrentDictionary<string, object?> HostFacts { get; } = new(StringComparer.Ordinal);

    /// <summary>ansible_facts and the top-level ansible_* copies, from gather_facts.</summary>
    public Dictionary<string, object?> GatheredFacts { get; set; } = new(StringComparer.Ordinal);

    public HostCounters Counters { get; } = new();

    /// <summary>The host failed and is out of the rest of the run (unless rescued).</summary>
    public bool Failed { get; set; }

    public bool Unreachable { get; set; }

    /// <summary>Handlers notified by a task that changed.</summary>
    public HashSet<TaskDefinition> Notified { get; } = [];

    /// <summary>Check mode: handlers notified by a task whose outcome is unknown.</summary>
    public HashSet<TaskDefinition> MaybeNotified { get; } = [];

    /// <summary>Check mode: resources earlier tasks would change (not applied).</summary>
    public HashSet<string> PendingResources { get; } = new(StringComparer.Ordinal);

    /// <summary>Check mode: registered variables whose real values cannot be predicted.</summary>
    public HashSet<string> PendingVars { get; } = new(StringComparer.Ordinal);

    public bool Active => !Failed && !Unreachable;
}

/// <summary>Opens one connection per host on first use and keeps it for the run.</summary>
internal sealed class ConnectionPool(IHostConnector? connector) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IHostConnection>>> _connections = new(StringComparer.Ordinal);

    public Task<IHostConnection> GetAsync(string host, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        if (connector is null)
        {
            throw new UserInputException("this run has no host connector (internal error)");
        }

        return _connections.GetOrAdd(host, h => new Lazy<Task<IHostConnection>>(() => connector.ConnectAsync(h, variables, cancellationToken))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _connections.Values)
        {
            if (!lazy.IsValueCreated)
            {
                continue;
            }

            try
            {
                var connection = await lazy.Value;
                await connection.DisposeAsync();
            }
            catch (Exception ex) when (ex is HostUnreachableException or OperationCanceledException or IOException or InvalidOperationException)
            {
                // A connection that never opened has nothing to close.
            }
        }
    }
}

/// <summary>State shared by the whole run.</summary>
internal sealed class RunState
{
    public required PlaybookRunOptions Options { get; init; }

    public required Playbook Playbook { get; init; }

    public required IInventorySource Inventory { get; init; }

    public required TemplateEngine Templates { get; init; }

    public required SecretRedactor Redactor { get; init; }

    public required ConnectionPool Connections { get; init; }

    public required SemaphoreSlim Forks { get; init; }

    public required Dictionary<string, HostState> Hosts { get; init; }

    public IRunOutput Output => Options.Output;

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>--start-at-task: true until the named task is reached.</summary>
    public bool WaitingForStartTask { get; set; }

    /// <summary>--step: the user answered "continue".</summary>
    public bool StepContinue { get; set; }

    /// <summary>A play was broken by max_fail_percentage or any_errors_fatal.</summary>
    public bool Aborted { get; set; }

    public HostState State(InventoryHost host)
    {
        lock (Hosts)
        {
            if (!Hosts.TryGetValue(host.Name, out var state))
            {
                state = new HostState(host);
                Hosts[host.Name] = state;
            }

            return state;
        }
    }
}
