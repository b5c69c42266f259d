using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules;

public enum PlanKind
{
    /// <summary>The host is already in the desired state.</summary>
    NoChange,

    /// <summary>Applying would change the host (the plan carries a diff).</summary>
    WouldChange,

    /// <summary>The module cannot predict the outcome (a command without creates/removes, or state an earlier unapplied change decides).</summary>
    Unknown,

    /// <summary>Planning itself failed (missing source file, bad remote state).</summary>
    Failed,
}

/// <summary>What a module would do on one host. Created by <see cref="Module.PlanAsync"/>; never changes anything.</summary>
public sealed class ModulePlan
{
    private ModulePlan(PlanKind kind, string message)
    {
        Kind = kind;
        Message = message;
    }

    public PlanKind Kind { get; }

    /// <summary>Why nothing changes, what would change, why it is unknown, or why it failed.</summary>
    public string Message { get; }

    public IReadOnlyList<ModuleDiff> Diffs { get; private init; } = [];

    /// <summary>Host resources the change would touch (paths, "sysctl:KEY", "service:NAME"): later tasks reading them in check mode are unknown.</summary>
    public IReadOnlyList<string> Touches { get; private init; } = [];

    /// <summary>Values registered for the task when nothing is applied (and the base of the applied result).</summary>
    public Dictionary<string, object?> Result { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>Module-private data handed from planning to <see cref="Module.ApplyAsync"/>.</summary>
    public object? State { get; private init; }

    /// <summary>
    /// For a would-change plan: false when the registered result of the real run cannot be predicted (a command's
    /// output), so tasks that use it in check mode report unknown.
    /// </summary>
    public bool ResultPredictable { get; private init; } = true;

    public static ModulePlan NoChange(string reason, Dictionary<string, object?>? result = null) =>
        new(PlanKind.NoChange, reason) { Result = result ?? new(StringComparer.Ordinal) };

    public static ModulePlan WouldChange(
        string summary,
        object? state = null,
        IEnumerable<ModuleDiff>? diffs = null,
        IEnumerable<string>? touches = null,
        Dictionary<string, object?>? result = null,
        bool resultPredictable = true) =>
        new(PlanKind.WouldChange, summary)
        {
            State = state,
            Diffs = diffs?.ToList() ?? [],
            Touches = touches?.ToList() ?? [],
            Result = result ?? new(StringComparer.Ordinal),
            ResultPredictable = resultPredictable,
        };

    public static ModulePlan Unknown(string reason, object? state = null, IEnumerable<string>? touches = null) =>
        new(PlanKind.Unknown, reason) { State = state, Touches = touches?.ToList() ?? [], ResultPredictable = false };

    public static ModulePlan Fail(string message, Dictionary<string, object?>? result = null) =>
        new(PlanKind.Failed, message) { Result = result ?? new(StringComparer.Ordinal) };
}

/// <summary>A before/after view of one thing a plan changes: file content, plus mode/owner and other attributes.</summary>
public sealed record ModuleDiff(string Path)
{
    /// <summary>Content before (null: the file does not exist); with <see cref="After"/> rendered as a unified diff.</summary>
    public string? Before { get; init; }

    public string? After { get; init; }

    /// <summary>False when only attributes change (no content diff to show).</summary>
    public bool HasContent { get; init; }

    /// <summary>Lines such as "mode: 0644 -> 0600" or "owner: root -> freeswitch".</summary>
    public IReadOnlyList<string> AttributeChanges { get; init; } = [];
}

/// <summary>The outcome of <see cref="Module.ApplyAsync"/> (or of a controller-only module's plan).</summary>
public sealed class ModuleResult
{
    public bool Changed { get; init; }

    public bool Failed { get; init; }

    public string? Message { get; init; }

    /// <summary>Registered values (rc, stdout, path, ...). The engine adds changed/failed/msg.</summary>
    public Dictionary<string, object?> Data { get; init; } = new(StringComparer.Ordinal);

    public static ModuleResult Ok(string? message = null, Dictionary<string, object?>? data = null) =>
        new() { Message = message, Data = data ?? new(StringComparer.Ordinal) };

    public static ModuleResult Change(string? message = null, Dictionary<string, object?>? data = null) =>
        new() { Changed = true, Message = message, Data = data ?? new(StringComparer.Ordinal) };

    public static ModuleResult Fail(string message, Dictionary<string, object?>? data = null) =>
        new() { Failed = true, Message = message, Data = data ?? new(StringComparer.Ordinal) };
}

/// <summary>What a module sees while planning and applying on one host.</summary>
public sealed class ModuleContext
{
    private readonly IHostConnection? _connection;
    private readonly List<string> _reads = [];
    private readonly IModuleServices _services;

    internal ModuleContext(
        string hostName,
        IHostConnection? connection,
        ModuleArguments arguments,
        IModuleServices services,
        bool check,
        bool diff,
        bool become,
        string? becomeUser)
    {
        HostName = hostName;
        _connection = connection;
        Arguments = arguments;
        _services = services;
        Check = check;
        Diff = diff;
        Become = become;
        BecomeUser = becomeUser;
    }

    public string HostName { get; }

    public ModuleArguments Arguments { get; }

    /// <summary>True in check mode: the engine will only plan.</summary>
    public bool Check { get; }

    /// <summary>True when diffs are wanted; a module may skip downloading old content otherwise.</summary>
    public bool Diff { get; }

    public bool Become { get; }

    public string? BecomeUser { get; }

    public TimeProvider TimeProvider => _services.TimeProvider;

    public SecretRedactor Redactor => _services.Redactor;

    /// <summary>The connection to the host (or to the delegate_to host).</summary>
    public IHostConnection Connection =>
        _connection ?? throw new InvalidOperationException("this module runs on the controller and has no connection");

    /// <summary>Resources (paths, "sysctl:KEY", "service:NAME") that earlier tasks would change in this check run.</summary>
    public IReadOnlyCollection<string> PendingChanges => _services.PendingChanges;

    internal IReadOnlyList<string> Reads => _reads;

    /// <summary>Declares that the plan depends on a resource; if an earlier unapplied change touches it, the plan becomes unknown.</summary>
    public void ReadResource(string resource) => _reads.Add(resource);

    /// <summary>Runs a shell command on the host with the task's become settings.</summary>
    public Task<CommandResult> RunAsync(string command, CancellationToken cancellationToken, TimeSpan? timeout = null, Secret? stdin = null, StdinReply? reply = null) =>
        Connection.RunAsync(new RemoteCommand(command) { Become = Become, BecomeUser = BecomeUser, Timeout = timeout, Stdin = stdin, Reply = reply }, cancellationToken);

    /// <summary>Evaluates a Jinja-style condition with the task's variables.</summary>
    public bool EvaluateCondition(string expression) => _services.EvaluateCondition(expression);

    /// <summary>Evaluates a bare expression (no braces) with the task's variables.</summary>
    public object? EvaluateExpression(string expression) => _services.EvaluateExpression(expression);

    /// <summary>Renders a template file (Scriban, with the Jinja-style expression layer) with the task's variables.</summary>
    public string RenderTemplateFile(string path) => _services.RenderTemplateFile(path);

    /// <summary>Finds a controller-side file the way Ansible does: absolute, else under the playbook's <paramref name="subdirectory"/>, else next to the playbook.</summary>
    public string ResolveLocalPath(string path, string subdirectory) => _services.ResolveLocalPath(path, subdirectory);

    /// <summary>A read-only view of the task's variables (for modules like debug).</summary>
    public bool TryGetVariable(string name, out object? value) => _services.TryGetVariable(name, out value);

    /// <summary>An error about this task, located at it.</summary>
    public UserInputException Error(string message) => Arguments.Error(message);
}

/// <summary>Engine services behind <see cref="ModuleContext"/>.</summary>
internal interface IModuleServices
{
    TimeProvider TimeProvider { get; }

    SecretRedactor Redactor { get; }

    IReadOnlyCollection<string> PendingChanges { get; }

    bool EvaluateCondition(string expression);

    object? EvaluateExpression(string expression);

    string RenderTemplateFile(string path);

    string ResolveLocalPath(string path, string subdirectory);

    bool TryGetVariable(string name, out object? value);
}
