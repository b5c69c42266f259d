using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Plays;
using Orchestrator.Engine.Loading;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine;

/// <summary>
/// The public entry point: load and validate a playbook, then run it (or list it). Exit codes:
/// 0 ok; 2 a host failed; 4 a host was unreachable; 8 a play was stopped by max_fail_percentage or
/// any_errors_fatal; with check + detailed exit code, 10 when changes are pending. See docs/playbooks.md.
/// </summary>
public static class PlaybookRunner
{
    public const int ExitOk = 0;
    public const int ExitFailedHosts = 2;
    public const int ExitUnreachableHosts = 4;
    public const int ExitPlayAborted = 8;
    public const int ExitChangesPending = 10;

    /// <summary>Loads and validates the playbook without touching any host (<c>--syntax-check</c>).</summary>
    /// <exception cref="UserInputException">The playbook is invalid; the message has file:line:column.</exception>
    public static void SyntaxCheck(PlaybookRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = Load(options, new TemplateEngine(new SecretRedactor()));
    }

    /// <summary>Whether running would ask for a vars_prompt value (a play has one not given with -e): a live display must not run over the prompt.</summary>
    public static bool AsksVarsPrompt(PlaybookRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Load(options, new TemplateEngine(new SecretRedactor())).Plays
            .Any(p => p.VarsPrompt.Any(v => !options.ExtraVars.ContainsKey(v.Name)));
    }

    public static async Task<PlaybookRunResult> RunAsync(PlaybookRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Forks < 1)
        {
            throw new UserInputException($"--forks must be at least 1, not {options.Forks}");
        }

        var redactor = options.Redactor ?? new SecretRedactor();
        SecretCollector.AddValue(redactor, options.Secrets);
        SecretCollector.AddVariables(redactor, options.ExtraVars);

        var templates = new TemplateEngine(redactor);
        var playbook = Load(options, templates);
        var inventory = Inventory(options);
        var started = options.TimeProvider.GetTimestamp();
        options.Output.PlaybookStarted(new PlaybookStartedEvent(playbook.Path, options.Check, options.Diff, options.TimeProvider.GetUtcNow()));
        await using var connections = new ConnectionPool(options.Connector);
        using var forks = new ForkLimiter(options.Forks);
        var run = new RunState
        {
            Options = options,
            Playbook = playbook,
            Inventory = inventory,
            Templates = templates,
            Redactor = redactor,
            Connections = connections,
            Forks = forks,
            Filter = new TaskFilter(options),
            Hosts = new Dictionary<string, HostState>(StringComparer.Ordinal),
        };
        foreach (var play in playbook.Plays)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await new PlayRunner(run, play).RunAsync(cancellationToken);
            if (run.Aborted)
            {
                break;
            }
        }

        var recaps = run.Hosts.Values
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => h.Counters.ToRecap(h.Name))
            .ToList();
        var pending = run.Hosts.Values.Any(h => h.Counters.AnyChangeOrUnknown);
        var exitCode = ExitCode(run.Aborted, recaps, options.Check && options.DetailedExitCode && pending);
        options.Output.Recap(new RecapEvent(recaps, options.Check, exitCode, run.Aborted, options.TimeProvider.GetElapsedTime(started), options.TimeProvider.GetUtcNow()));
        return new PlaybookRunResult { ExitCode = exitCode, Hosts = recaps, Aborted = run.Aborted, ChangesPending = options.Check && pending };
    }

    /// <summary>
    /// 8 when a play was aborted; else 4 when a host was unreachable; else 2 when a host failed (the order
    /// Ansible's strategy uses); else 10 for pending changes in a detailed check; else 0.
    /// </summary>
    internal static int ExitCode(bool aborted, IReadOnlyList<HostRecap> hosts, bool changesPending) =>
        aborted ? ExitPlayAborted
        : hosts.Any(h => h.Unreachable > 0) ? ExitUnreachableHosts
        : hosts.Any(h => h.Failed > 0) ? ExitFailedHosts
        : changesPending ? ExitChangesPending
        : ExitOk;

    /// <summary><c>--list-tasks</c>: plays and the tasks that the tag filters select, as Ansible prints them.</summary>
    public static string ListTasks(PlaybookRunOptions options) => List(options, tasks: true, hosts: false, tags: false);

    /// <summary><c>--list-hosts</c>: each play's pattern and matching hosts.</summary>
    public static string ListHosts(PlaybookRunOptions options) => List(options, tasks: false, hosts: true, tags: false);

    /// <summary><c>--list-tags</c>: the tags of each play.</summary>
    public static string ListTags(PlaybookRunOptions options) => List(options, tasks: false, hosts: false, tags: true);

    private static string List(PlaybookRunOptions options, bool tasks, bool hosts, bool tags)
    {
        var playbook = Load(options, new TemplateEngine(new SecretRedactor()));
        var sb = new StringBuilder();
        sb.Append("\nplaybook: ").Append(options.PlaybookPath).Append('\n');
        var index = 0;
        foreach (var play in playbook.Plays)
        {
            index++;
            sb.Append('\n').Append($"  play #{index} ({play.Hosts}): {play.Name}\tTAGS: [{string.Join(",", play.Tags)}]").Append('\n');
            if (hosts)
            {
                var selected = PlayHosts.Select(Inventory(options), play, options.Limit);
                sb.Append($"    pattern: ['{play.Hosts}']\n");
                sb.Append($"    hosts ({selected.Count}):\n");
                foreach (var h in selected)
                {
                    sb.Append("      ").Append(h.Name).Append('\n');
                }
            }

            var all = PlaybookLoader.AllTasks(play.PreTasks.Concat(play.Tasks).Concat(play.PostTasks)).ToList();
            if (tasks)
            {
                sb.Append("    tasks:\n");
                foreach (var t in all.Where(t => TaskFilter.TagsSelect(t.EffectiveTags, options.Tags, options.SkipTags)))
                {
                    sb.Append("      ").Append(t.ListName).Append($"\tTAGS: [{string.Join(", ", t.EffectiveTags.Order(StringComparer.Ordinal))}]").Append('\n');
                }
            }

            if (tags)
            {
                var taskTags = all.SelectMany(t => t.EffectiveTags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                sb.Append($"      TASK TAGS: [{string.Join(", ", taskTags)}]\n");
            }
        }

        return sb.ToString();
    }

    private static Playbook Load(PlaybookRunOptions options, TemplateEngine templates)
    {
        var playbook = new PlaybookLoader(options.Modules, templates, options.RolesPath, options.Vault) { ExtraVars = options.ExtraVars }.Load(options.PlaybookPath);
        if (options.StartAtTask is { } start
            && new StartAtTaskPattern(start) is var pattern
            && !playbook.Plays.Any(p => PlaybookLoader.AllTasks(p.PreTasks.Concat(p.Tasks).Concat(p.PostTasks)).Any(pattern.Matches)))
        {
            throw new UserInputException($"--start-at-task: no task is named or matches '{start}' (a task's name, or 'role : name')");
        }

        return playbook;
    }

    private static IInventorySource Inventory(PlaybookRunOptions options) =>
        options.Inventory is { } inventory ? new HostInventorySource(inventory) : throw new UserInputException("an inventory is needed (-i)");
}
