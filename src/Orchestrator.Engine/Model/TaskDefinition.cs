using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

/// <summary>A task (or a handler): its module, arguments and task keywords.</summary>
internal sealed class TaskDefinition : TaskNode
{
    public required string ModuleName { get; init; }

    public required SourceLocation ModuleLocation { get; init; }

    /// <summary>Module arguments as written (plain data, possibly with templates); per-argument locations alongside.</summary>
    public Dictionary<string, object?> Args { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SourceLocation> ArgLocations { get; } = new(StringComparer.Ordinal);

    /// <summary>A list, or a string expression that evaluates to one; null when the task does not loop.</summary>
    public object? Loop { get; set; }

    public SourceLocation LoopLocation { get; set; }

    /// <summary>For <c>with_NAME</c>: the lookup (items, dict, sequence...) that turns <see cref="Loop"/>'s terms into the items.</summary>
    public string? LoopWith { get; set; }

    public string LoopVar { get; set; } = "item";

    /// <summary><c>loop_control.index_var</c>: the variable holding the item's 0-based index; null when not given.</summary>
    public string? IndexVar { get; set; }

    public Expression? LoopLabel { get; set; }

    public string? Register { get; set; }

    /// <summary><c>async</c> (seconds) and <c>poll</c>; null when the task runs synchronously.</summary>
    public Modules.AsyncSettings? Async { get; set; }

    public Expression? Until { get; set; }

    public object? Retries { get; set; }

    public object? Delay { get; set; }

    public List<Expression> ChangedWhen { get; } = [];

    public List<Expression> FailedWhen { get; } = [];

    public List<string> Notify { get; } = [];

    public List<string> Listen { get; } = [];

    /// <summary>Set for include_tasks and include_role, which the strategies expand when a host reaches them.</summary>
    public IncludeDefinition? Include { get; init; }

    public bool IsHandler { get; init; }

    /// <summary>For handlers: position in the handlers section (handlers run in this order).</summary>
    public int HandlerIndex { get; init; }
}
