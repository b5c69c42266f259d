using System.Globalization;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.Engine.Loading;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// Runs one play: host selection, serial batches, fact gathering, the linear or free strategy over pre_tasks,
/// tasks and post_tasks (with blocks), handler flushes, and the failure arithmetic that can stop a play.
/// </summary>
internal sealed class PlayExecutor
{
    private readonly RunState _run;
    private readonly Play _play;
    private readonly TaskRunner _tasks;
    private readonly Dictionary<string, object?> _playVars;
    private readonly Dictionary<string, Dictionary<string, object?>> _varsFileCache = new(StringComparer.Ordinal);
    private List<HostState> _playHosts = [];
    private List<HostState> _batch = [];
    private bool _batchAborted;

    public PlayExecutor(RunState run, Play play)
    {
        _run = run;
        _play = play;
        _playVars = play.Vars;
        _tasks = new TaskRunner(run, this);
    }

    public Play Play => _play;

    public IReadOnlyList<HostState> Batch => _batch;

    public IReadOnlyList<HostState> PlayHosts => _playHosts;

    public static IReadOnlyList<InventoryHostRef> SelectHosts(IInventorySource inventory, Play play, string? limit, Action<string>? onWarning = null) =>
        inventory.SelectHosts(play.Hosts, string.IsNullOrWhiteSpace(limit) ? null : limit, onWarning).Select(h => new InventoryHostRef(h)).ToList();

    /// <summary>Ansible's batch sizes: serial entries (counts or percentages of the play's hosts, at least 1), the last one repeating.</summary>
    public static List<List<T>> Batches<T>(IReadOnlyList<T> hosts, IReadOnlyList<SerialStep>? serial)
    {
        var batches = new List<List<T>>();
        if (serial is null || serial.Count == 0)
        {
            batches.Add(hosts.ToList());
            return batches;
        }

        var remaining = hosts.ToList();
        var index = 0;
        while (remaining.Count > 0)
        {
            var step = serial[index];
            var size = step.IsPercent ? (int)(step.Count / 100.0 * hosts.Count) : (int)step.Count;
            if (step.IsPercent && size < 1)
            {
                size = 1;
            }

            if (size <= 0)
            {
                batches.Add(remaining);
                break;
            }

            batches.Add(remaining.Take(size).ToList());
            remaining = remaining.Skip(size).ToList();
            if (index < serial.Count - 1)
            {
                index++;
            }
        }

        return batches;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var selected = SelectHosts(_run.Inventory, _play, _run.Options.Limit, _run.Output.Warning);
        _playHosts = selected.Select(h => _run.State(h.Host)).Where(h => h.Active).ToList();
        if (_playHosts.Count == 0)
        {
            _run.Output.PlayStarted(new PlayStartedEvent(_play.Name, _play.Hosts, [], 0, 0, _run.Time.GetUtcNow()));
            _run.Output.Warning($"play '{_play.Name}': no hosts matched '{_play.Hosts}'{(_run.Options.Limit is null ? string.Empty : $" with --limit '{_run.Options.Limit}'")}, or all of them failed earlier");
            return;
        }

        RegisterSecrets();
        var batches = Batches(_playHosts, _play.Serial);
        for (var b = 0; b < batches.Count; b++)
        {
            _batch = batches[b].Where(h => h.Active).ToList();
            _batchAborted = false;
            _run.Output.PlayStarted(new PlayStartedEvent(_play.Name, _play.Hosts, _batch.Select(h => h.Name).ToList(), b + 1, batches.Count, _run.Time.GetUtcNow()));
            if (_batch.Count == 0)
            {
                continue;
            }

            var batchSize = _batch.Count;
            if (_play.GatherFacts)
            {
                await GatherFactsAsync(cancellationToken);
            }

            if (_play.Strategy == Strategy.Free)
            {
                await RunFreeAsync(cancellationToken);
            }
            else
            {
                foreach (var section in new[] { _play.PreTasks, _play.Tasks, _play.PostTasks })
                {
                    if (_batchAborted)
                    {
                        break;
                    }

                    await RunNodesLinearAsync(section, _batch, rescuable: false, cancellationToken);
                    if (!_batchAborted || ForceHandlers)
                    {
                        await FlushHandlersAsync(_batch, cancellationToken);
                    }
                }
            }

            if (_batchAborted)
            {
                _run.Aborted = true;
                break;
            }

            // Ansible ends the play when every host of a batch failed; unreachable hosts do not count here,
            // so one dead host cannot stop a serial: 1 rollout (ansible#3845).
            var failedInBatch = batches[b].Count(h => h.Failed);
            if (failedInBatch == batchSize)
            {
                _run.Output.Warning($"play '{_play.Name}': every host of batch {b + 1} failed; not starting the next batches");
                break;
            }
        }
    }

    private bool ForceHandlers => _run.Options.ForceHandlers || _play.ForceHandlers;

    /// <summary>Values of variables marked secret (by name, or listed in secret_vars) are added to the redactor.</summary>
    private void RegisterSecrets()
    {
        var secretNames = new HashSet<string>(_play.SecretVars, StringComparer.Ordinal);
        foreach (var host in _playHosts)
        {
            var scope = BaseScope(host, null);
            foreach (var name in scope.Names)
            {
                if (!secretNames.Contains(name) && !SecretNames.IsSecretName(name))
                {
                    continue;
                }

                try
                {
                    if (scope.TryGet(name, out var value, out var templatable))
                    {
                        var rendered = templatable ? _run.Templates.Render(value, scope, _play.Location) : value;
                        AddSecretValues(rendered);
                    }
                }
                catch (UserInputException)
                {
                    // A secret that cannot be rendered yet is rendered (and registered) when used.
                }
            }
        }
    }

    public void AddSecretValues(object? value)
    {
        switch (value)
        {
            case string s:
                _run.Redactor.Add(s);
                break;
            case Core.Secrets.Secret secret:
                _run.Redactor.Add(secret);
                break;
            case List<object?> l:
                foreach (var v in l)
                {
                    AddSecretValues(v);
                }

                break;
            case Dictionary<string, object?> d:
                foreach (var v in d.Values)
                {
                    AddSecretValues(v);
                }

                break;
        }
    }

    public bool IsSecretVariable(string name) => SecretNames.IsSecretName(name) || _play.SecretVars.Contains(name, StringComparer.Ordinal);

    private async Task GatherFactsAsync(CancellationToken cancellationToken)
    {
        _run.Output.TaskStarted(new TaskStartedEvent(_play.Name, "Gathering Facts", "gather_facts", false, _run.Playbook.Path, _play.Location.Line, _run.Time.GetUtcNow()));
        await Task.WhenAll(_batch.Where(h => h.Active).Select(async host =>
        {
            await _run.Forks.WaitAsync(cancellationToken);
            var start = _run.Time.GetTimestamp();
            try
            {
                var connection = await ConnectAsync(host, cancellationToken);
                var facts = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var provider in _run.Options.Modules.FactProviders)
                {
                    var gathered = await provider.GatherAsync(
                        new FactContext { HostName = host.Name, Connection = connection, Become = _play.Become ?? false, HostVariables = host.Host.Variables, TimeProvider = _run.Time },
                        cancellationToken);
                    foreach (var (k, v) in gathered)
                    {
                        facts[k] = v;
                    }
                }

                var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ansible_facts"] = facts };
                foreach (var (k, v) in facts)
                {
                    all["ansible_" + k] = v;
                }

                host.GatheredFacts = all;
                host.Counters.AddOk();
                Emit(host, "Gathering Facts", "gather_facts", TaskOutcome.Ok, null, null, null, start);
            }
            catch (HostUnreachableException ex)
            {
                host.Unreachable = true;
                host.Counters.AddUnreachable();
                Emit(host, "Gathering Facts", "gather_facts", TaskOutcome.Unreachable, _run.Redactor.Redact(ex.Message), null, null, start);
            }
            finally
            {
                _run.Forks.Release();
            }
        }));
    }

    public void Emit(HostState host, string task, string module, TaskOutcome outcome, string? message, string? diff, IReadOnlyDictionary<string, object?>? result, long start) =>
        _run.Output.TaskResult(new TaskResultEvent(
            host.Name, _play.Name, task, module, outcome, message, diff, result, null, false, false, false, false, null, null, false,
            _run.Time.GetElapsedTime(start), _run.Time.GetUtcNow()));

    public async Task<IHostConnection> ConnectAsync(HostState host, CancellationToken cancellationToken) =>
        await _run.Connections.GetAsync(host.Name, ConnectionVariables(host.Host.Variables), cancellationToken);

    /// <summary>Connection settings: the inventory's, with ansible_* extra vars on top (as Ansible lets -e override them).</summary>
    public Dictionary<string, object?> ConnectionVariables(IReadOnlyDictionary<string, object?> inventoryVariables)
    {
        var vars = new Dictionary<string, object?>(inventoryVariables, StringComparer.Ordinal);
        foreach (var (k, v) in _run.Options.ExtraVars)
        {
            if (k.StartsWith("ansible_", StringComparison.Ordinal))
            {
                vars[k] = v;
            }
        }

        return vars;
    }

    // ---- linear strategy ------------------------------------------------------------------------------

    /// <summary>Runs nodes in lockstep over the hosts; a host that fails leaves (blocks send it to rescue).</summary>
    private async Task RunNodesLinearAsync(IReadOnlyList<TaskNode> nodes, List<HostState> hosts, bool rescuable, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            if (_batchAborted)
            {
                return;
            }

            var active = hosts.Where(h => h.Active).ToList();
            if (active.Count == 0)
            {
                return;
            }

            switch (node)
            {
                case TaskDefinition task:
                    await RunTaskLinearAsync(task, active, rescuable, cancellationToken);
                    break;
                case BlockDefinition block:
                    await RunBlockAsync(block, active, rescuable, linear: true, cancellationToken);
                    break;
            }
        }
    }

    private async Task RunBlockAsync(BlockDefinition block, List<HostState> hosts, bool rescuable, bool linear, CancellationToken cancellationToken)
    {
        var hasRescue = block.Rescue.Count > 0;
        await RunSectionAsync(block.Block, hosts, rescuable || hasRescue, linear, cancellationToken);
        var failed = hosts.Where(h => h.Failed && !h.Unreachable).ToList();
        if (hasRescue && failed.Count > 0 && !_batchAborted)
        {
            foreach (var h in failed)
            {
                h.Failed = false;
            }

            await RunSectionAsync(block.Rescue, failed, rescuable, linear, cancellationToken);
            foreach (var h in failed.Where(h => !h.Failed && !h.Unreachable))
            {
                h.Counters.AddRescued();
            }
        }

        if (block.Always.Count > 0 && !_batchAborted)
        {
            // Always runs for every host that entered the block, failed or not; failures stay failures.
            var stillFailed = hosts.Where(h => h.Failed).ToList();
            foreach (var h in stillFailed)
            {
                h.Failed = false;
            }

            await RunSectionAsync(block.Always, hosts.Where(h => !h.Unreachable).ToList(), rescuable, linear, cancellationToken);
            foreach (var h in stillFailed)
            {
                h.Failed = true;
            }
        }
    }

    private Task RunSectionAsync(IReadOnlyList<TaskNode> nodes, List<HostState> hosts, bool rescuable, bool linear, CancellationToken cancellationToken) =>
        hosts.Count == 0 ? Task.CompletedTask
        : linear ? RunNodesLinearAsync(nodes, hosts, rescuable, cancellationToken)
        : RunNodesForHostAsync(nodes, hosts[0], rescuable, cancellationToken);

    private async Task RunTaskLinearAsync(TaskDefinition task, List<HostState> hosts, bool rescuable, CancellationToken cancellationToken)
    {
        if (task.ModuleName == "meta")
        {
            await RunMetaAsync(task, hosts, cancellationToken);
            return;
        }

        if (!_tasks.ShouldRun(task))
        {
            return;
        }

        _tasks.AnnounceTask(task);
        List<HostState> runOn = hosts;
        HostState? runOnceHost = null;
        if (task.EffectiveRunOnce)
        {
            runOnceHost = hosts[0];
            runOn = [runOnceHost];
        }

        var failedBefore = _batch.Count(h => h.Failed);
        var outcomes = await Task.WhenAll(runOn.Select(async host =>
        {
            await _run.Forks.WaitAsync(cancellationToken);
            try
            {
                return await _tasks.RunAsync(task, host, rescuable, cancellationToken);
            }
            finally
            {
                _run.Forks.Release();
            }
        }));

        if (runOnceHost is not null && outcomes.Length == 1)
        {
            _tasks.ShareRunOnceResult(task, outcomes[0], hosts.Where(h => h != runOnceHost));
        }

        CheckFailureLimits(task, failedBefore, rescuable);
    }

    /// <summary>any_errors_fatal and max_fail_percentage, checked after each task on the batch (not inside a block that can rescue).</summary>
    private void CheckFailureLimits(TaskDefinition task, int failedBefore, bool rescuable)
    {
        if (rescuable)
        {
            return;
        }

        var failedNow = _batch.Count(h => h.Failed);
        if (task.EffectiveAnyErrorsFatal && failedNow > failedBefore)
        {
            _run.Output.Warning($"any_errors_fatal: '{task.DisplayName}' failed on {failedNow - failedBefore} host(s); stopping the play");
            _batchAborted = true;
            return;
        }

        if (_play.MaxFailPercentage is { } max && _batch.Count > 0)
        {
            // Exceeded, not equalled: with 4 hosts, 49% stops on 2 failures, 50% does not.
            var percent = 100.0 * failedNow / _batch.Count;
            if (percent > max)
            {
                _run.Output.Warning(string.Create(
                    CultureInfo.InvariantCulture,
                    $"max_fail_percentage {max}% exceeded: {failedNow} of {_batch.Count} hosts in this batch failed ({percent:0.#}%); stopping the play"));
                _batchAborted = true;
            }
        }
    }

    private async Task RunMetaAsync(TaskDefinition task, List<HostState> hosts, CancellationToken cancellationToken)
    {
        var action = task.Args.GetValueOrDefault("action") as string;
        if (action == "flush_handlers" && _tasks.ShouldRun(task))
        {
            await FlushHandlersAsync(hosts, cancellationToken);
        }
    }

    // ---- free strategy --------------------------------------------------------------------------------

    private async Task RunFreeAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_batch.Select(async host =>
        {
            foreach (var section in new[] { _play.PreTasks, _play.Tasks, _play.PostTasks })
            {
                if (_batchAborted)
                {
                    break;
                }

                await RunNodesForHostAsync(section, host, rescuable: false, cancellationToken);
                if (!_batchAborted || ForceHandlers)
                {
                    await FlushHandlersAsync([host], cancellationToken);
                }
            }
        }));
    }

    /// <summary>Free strategy: one host runs its tasks on its own (the forks limit applies per task).</summary>
    private async Task RunNodesForHostAsync(IReadOnlyList<TaskNode> nodes, HostState host, bool rescuable, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            if (_batchAborted || !host.Active)
            {
                return;
            }

            switch (node)
            {
                case TaskDefinition { ModuleName: "meta" } meta:
                    await RunMetaAsync(meta, [host], cancellationToken);
                    break;
                case TaskDefinition task:
                    if (!_tasks.ShouldRun(task))
                    {
                        continue;
                    }

                    _tasks.AnnounceTask(task);
                    var failedBefore = _batch.Count(h => h.Failed);
                    await _run.Forks.WaitAsync(cancellationToken);
                    try
                    {
                        await _tasks.RunAsync(task, host, rescuable, cancellationToken);
                    }
                    finally
                    {
                        _run.Forks.Release();
                    }

                    lock (_batch)
                    {
                        CheckFailureLimits(task, failedBefore, rescuable);
                    }

                    break;
                case BlockDefinition block:
                    await RunBlockAsync(block, [host], rescuable, linear: false, cancellationToken);
                    break;
            }
        }
    }

    // ---- handlers -------------------------------------------------------------------------------------

    /// <summary>Runs notified handlers in the order they are written, each on the hosts that notified it.</summary>
    private async Task FlushHandlersAsync(List<HostState> hosts, CancellationToken cancellationToken)
    {
        foreach (var handler in _play.Handlers)
        {
            var notified = hosts.Where(h =>
                    (h.Notified.Contains(handler) || h.MaybeNotified.Contains(handler))
                    && !h.Unreachable
                    && (!h.Failed || ForceHandlers))
                .ToList();
            if (notified.Count == 0)
            {
                continue;
            }

            _tasks.AnnounceTask(handler);
            var results = await Task.WhenAll(notified.Select(async host =>
            {
                var definite = host.Notified.Remove(handler);
                host.MaybeNotified.Remove(handler);
                var wasFailed = host.Failed;
                host.Failed = false;
                await _run.Forks.WaitAsync(cancellationToken);
                try
                {
                    if (!definite)
                    {
                        // Check mode: only a task with an unknown outcome notified it.
                        _tasks.ReportUnknownHandler(handler, host);
                        return 0;
                    }

                    await _tasks.RunAsync(handler, host, rescuable: false, cancellationToken);
                    return 0;
                }
                finally
                {
                    host.Failed |= wasFailed;
                    _run.Forks.Release();
                }
            }));
            _ = results;
        }

        foreach (var h in hosts)
        {
            if (h.Failed && !ForceHandlers)
            {
                h.Notified.Clear();
                h.MaybeNotified.Clear();
            }
        }
    }

    // ---- variables ------------------------------------------------------------------------------------

    /// <summary>The variable layers of a host for a task (without loop and result layers).</summary>
    public VariableScope BaseScope(HostState host, TaskNode? task)
    {
        var layers = new List<VariableLayer>
        {
            new(_run.Options.ExtraVars, true),
            new(MagicVariables(host), false),
        };
        if (task is not null)
        {
            foreach (var node in task.Chain().Reverse())
            {
                if (node.Vars.Count > 0)
                {
                    layers.Add(new VariableLayer(node.Vars, true));
                }
            }
        }

        layers.Add(new VariableLayer(host.HostFacts, false));
        foreach (var file in Enumerable.Reverse(_play.VarsFiles))
        {
            layers.Add(new VariableLayer(VarsFile(file, host), true));
        }

        layers.Add(new VariableLayer(_playVars, true));
        layers.Add(new VariableLayer(host.GatheredFacts, false));
        layers.Add(new VariableLayer(host.Host.Variables, true));
        return new VariableScope(layers);
    }

    private Dictionary<string, object?> MagicVariables(HostState host)
    {
        var groups = _run.Inventory.Groups.ToDictionary(
            g => g.Key,
            g => (object?)_run.Inventory.SelectHosts(g.Key).Select(h => (object?)h.Name).ToList(),
            StringComparer.Ordinal);
        var playHosts = _playHosts.Where(h => h.Active).Select(h => (object?)h.Name).ToList();
        var names = _run.Inventory.Hosts.Select(h => h.Name).ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["inventory_hostname"] = host.Name,
            ["inventory_hostname_short"] = host.Name.Split('.')[0],
            ["group_names"] = host.Host.Groups.Where(g => g != "all").Order(StringComparer.Ordinal).Select(g => (object?)g).ToList(),
            ["groups"] = groups,
            ["hostvars"] = new HostVarsDictionary(
                name => _run.Inventory.FindHost(name) is { } h ? BaseScope(_run.State(h), null) : null,
                names,
                _run.Templates,
                _play.Location),
            ["play_hosts"] = playHosts,
            ["ansible_play_hosts"] = playHosts,
            ["ansible_play_hosts_all"] = _playHosts.Select(h => (object?)h.Name).ToList(),
            ["ansible_play_batch"] = _batch.Where(h => h.Active).Select(h => (object?)h.Name).ToList(),
            ["ansible_play_name"] = _play.Name,
            ["ansible_check_mode"] = _run.Options.Check,
            ["ansible_diff_mode"] = _run.Options.Diff,
            ["playbook_dir"] = _run.Playbook.Directory,
            ["omit"] = TaskRunner.OmitPlaceholder,
        };
    }

    private Dictionary<string, object?> VarsFile(VarsFile file, HostState host)
    {
        var path = file.Path;
        if (path.Contains("{{", StringComparison.Ordinal))
        {
            var scope = new VariableScope([new(_run.Options.ExtraVars, true), new(MagicVariables(host), false), new(_playVars, true), new(host.Host.Variables, true)]);
            path = _run.Templates.RenderText(path, scope, file.Location);
        }

        var full = Path.IsPathRooted(path) ? path : Path.Combine(_run.Playbook.Directory, path);
        lock (_varsFileCache)
        {
            if (_varsFileCache.TryGetValue(full, out var cached))
            {
                return cached;
            }

            if (!File.Exists(full))
            {
                throw new UserInputException($"vars file '{path}' does not exist (looked at {full})", file.Location);
            }

            var node = YamlData.LoadFile(full, file.Location);
            var data = node is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : YamlData.ToPlain(node, full) as Dictionary<string, object?>
                ?? throw new UserInputException("a vars file must be a mapping of variable names to values", new SourceLocation(full, 1, 1));
            _varsFileCache[full] = data;
            foreach (var (k, v) in data)
            {
                if (IsSecretVariable(k) && !PlainData.ContainsTemplate(v))
                {
                    AddSecretValues(v);
                }
            }

            return data;
        }
    }
}

/// <summary>A selected host (wrapper keeps selection separate from run state).</summary>
internal readonly record struct InventoryHostRef(Inventory.InventoryHost Host);
