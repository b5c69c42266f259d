using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

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

    /// <summary><c>environment</c> as written (a mapping or an expression giving one); null when not set here.</summary>
    public object? Environment { get; set; }

    public SourceLocation EnvironmentLocation { get; set; }

    /// <summary><c>throttle</c> (tasks and blocks): at most this many hosts run the task at once; 0 or null: no limit.</summary>
    public int? Throttle { get; set; }

    /// <summary>
    /// Puts these keywords on <paramref name="to"/>: what a role entry gives its role's block and handlers, and what
    /// an include's <c>apply</c> gives the included block. Vars are the caller's (role entries make them role vars).
    /// </summary>
    public void CopyKeywordsTo(TaskOptions to)
    {
        to.Become = Become;
        to.BecomeUser = BecomeUser;
        to.IgnoreErrors = IgnoreErrors;
        to.IgnoreUnreachable = IgnoreUnreachable;
        to.NoLog = NoLog;
        to.CheckMode = CheckMode;
        to.Diff = Diff;
        to.AnyErrorsFatal = AnyErrorsFatal;
        to.RunOnce = RunOnce;
        to.DelegateTo = DelegateTo;
        to.Environment = Environment;
        to.EnvironmentLocation = EnvironmentLocation;
        to.Throttle = Throttle;
        to.Tags.AddRange(Tags);
        to.When.AddRange(When);
    }
}
