using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

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

    /// <summary><c>become</c> from the task, its blocks or the play; null when none says, so the run's default decides.</summary>
    public bool? DeclaredBecome => Inherit(o => o.Become);

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

    /// <summary>The role this node belongs to (the innermost role block around it), or null outside roles.</summary>
    public RoleDefinition? Role => RoleChain.LastOrDefault();

    /// <summary>The roles around this node, outermost first: Ansible's dependency chain plus the role itself.</summary>
    public IReadOnlyList<RoleDefinition> RoleChain => Chain().OfType<BlockDefinition>().Select(b => b.ForRole).OfType<RoleDefinition>().ToList();

    /// <summary>The name in output: "role : name" inside a role (the module when the task has no name), as Ansible's Task.get_name.</summary>
    public string DisplayName
    {
        get
        {
            var own = Name ?? (this is TaskDefinition t ? t.ModuleName : "block");
            return Role is { } role ? $"{role.Name} : {own}" : own;
        }
    }

    /// <summary>The name <c>--list-tasks</c> prints: Ansible prints a nameless task's module without the role prefix.</summary>
    public string ListName => Name is null && this is TaskDefinition t ? t.ModuleName : DisplayName;
}
