using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

/// <summary>A loaded, validated playbook: a list of plays.</summary>
internal sealed class Playbook(string path, IReadOnlyList<Play> plays)
{
    public string Path { get; } = path;

    public string Directory { get; } = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";

    public IReadOnlyList<Play> Plays { get; } = plays;
}

internal enum Strategy
{
    Linear,
    Free,
}

/// <summary>One entry of <c>serial</c>: a host count or a percentage of the play's hosts.</summary>
internal readonly record struct SerialStep(long Count, bool IsPercent);

/// <summary>A template-able expression with where it was written.</summary>
internal sealed record Expression(string Text, SourceLocation Location);

internal sealed record VarsFile(string Path, SourceLocation Location);

/// <summary>Keywords that plays, blocks and tasks share; inner values override outer ones.</summary>
internal class TaskOptions
{
    public bool? Become { get; set; }

    public string? BecomeUser { get; set; }

    public bool? IgnoreErrors { get; set; }

    public bool? IgnoreUnreachable { get; set; }

    public bool? NoLog { get; set; }

    public bool? CheckMode { get; set; }

    public bool? Diff { get; set; }

    public bool? AnyErrorsFatal { get; set; }

    public bool RunOnce { get; set; }

    public Expression? DelegateTo { get; set; }

    public List<string> Tags { get; } = [];

    public List<Expression> When { get; } = [];

    public Dictionary<string, object?> Vars { get; } = new(StringComparer.Ordinal);
}

internal sealed class Play : TaskOptions
{
    public required string Name { get; init; }

    public required string Hosts { get; init; }

    public required SourceLocation Location { get; init; }

    public IReadOnlyList<SerialStep>? Serial { get; set; }

    public double? MaxFailPercentage { get; set; }

    public Strategy Strategy { get; set; } = Strategy.Linear;

    public bool GatherFacts { get; set; }

    public bool ForceHandlers { get; set; }

    public List<VarsFile> VarsFiles { get; } = [];

    /// <summary>Variables whose values are secret (redacted from all output), besides names matched by the secret pattern.</summary>
    public List<string> SecretVars { get; } = [];

    public List<TaskNode> PreTasks { get; } = [];

    public List<TaskNode> Tasks { get; } = [];

    public List<TaskNode> PostTasks { get; } = [];

    public List<TaskDefinition> Handlers { get; } = [];
}

/// <summary>A task or a block.</summary>
internal abstract class TaskNode : TaskOptions
{
    public string? Name { get; set; }

    public required SourceLocation Location { get; init; }

    /// <summary>The enclosing block, or null at the top of a section.</summary>
    public BlockDefinition? Parent { get; set; }

    public required Play Play { get; init; }

    /// <summary>Chain from the outermost block down to this node.</summary>
    public IEnumerable<TaskNode> Chain()
    {
        var stack = new Stack<TaskNode>();
        for (TaskNode? n = this; n is not null; n = n.Parent)
        {
            stack.Push(n);
        }

        return stack;
    }

    private T? Inherit<T>(Func<TaskOptions, T?> get)
        where T : struct
    {
        for (TaskNode? n = this; n is not null; n = n.Parent)
        {
            if (get(n) is { } v)
            {
                return v;
            }
        }

        return get(Play);
    }

    public bool EffectiveBecome => Inherit(o => o.Become) ?? false;

    public string? EffectiveBecomeUser
    {
        get
        {
            for (TaskNode? n = this; n is not null; n = n.Parent)
            {
                if (n.BecomeUser is { } u)
                {
                    return u;
                }
            }

            return Play.BecomeUser;
        }
    }

    public bool EffectiveIgnoreErrors => Inherit(o => o.IgnoreErrors) ?? false;

    public bool EffectiveIgnoreUnreachable => Inherit(o => o.IgnoreUnreachable) ?? false;

    public bool EffectiveNoLog => Inherit(o => o.NoLog) ?? false;

    /// <summary>null: follow --check; true/false: forced by the task.</summary>
    public bool? EffectiveCheckMode => Inherit(o => o.CheckMode);

    public bool? EffectiveDiff => Inherit(o => o.Diff);

    public bool EffectiveAnyErrorsFatal => Inherit(o => o.AnyErrorsFatal) ?? false;

    public bool EffectiveRunOnce => Chain().Any(n => n.RunOnce);

    public Expression? EffectiveDelegateTo => Chain().Reverse().Select(n => n.DelegateTo).FirstOrDefault(d => d is not null);

    public IReadOnlySet<string> EffectiveTags
    {
        get
        {
            var tags = new HashSet<string>(Play.Tags, StringComparer.Ordinal);
            foreach (var n in Chain())
            {
                tags.UnionWith(n.Tags);
            }

            return tags;
        }
    }

    public IEnumerable<Expression> EffectiveWhen => Chain().SelectMany(n => n.When);

    public string DisplayName => Name ?? (this is TaskDefinition t ? t.ModuleName : "block");
}

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

    public string LoopVar { get; set; } = "item";

    public Expression? LoopLabel { get; set; }

    public string? Register { get; set; }

    public Expression? Until { get; set; }

    public object? Retries { get; set; }

    public object? Delay { get; set; }

    public List<Expression> ChangedWhen { get; } = [];

    public List<Expression> FailedWhen { get; } = [];

    public List<string> Notify { get; } = [];

    public List<string> Listen { get; } = [];

    public bool IsHandler { get; init; }

    /// <summary>For handlers: position in the handlers section (handlers run in this order).</summary>
    public int HandlerIndex { get; init; }
}

internal sealed class BlockDefinition : TaskNode
{
    public List<TaskNode> Block { get; } = [];

    public List<TaskNode> Rescue { get; } = [];

    public List<TaskNode> Always { get; } = [];
}
