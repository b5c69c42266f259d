using System.Text.Json;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Execution.Tasks;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Loading;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Output;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Strategies;

/// <summary>
/// include_tasks and include_role when hosts reach them: per host (and loop item) the include's <c>when</c> is
/// evaluated once and its target rendered; hosts that include the same target with the same parameters form one
/// group, which runs the loaded tasks in lockstep (Ansible's IncludedFile.process_include_results). Each inclusion
/// of a file counts as ok for its host, as Ansible's "included:" line does; an included role reports nothing itself.
/// </summary>
internal sealed class IncludeExpander(PlayContext play, ResultRecorder recorder, TaskEvents events)
{
    private readonly TaskConditions _conditions = new(play.Run.Templates);

    /// <summary>The blocks to run, in order, each with the hosts that included it.</summary>
    public List<(BlockDefinition Block, List<HostState> Hosts)> Expand(TaskDefinition include, IReadOnlyList<HostState> hosts, bool rescuable)
    {
        events.Announce(include);
        var groups = new List<Group>();
        foreach (var host in hosts)
        {
            var invocation = TaskInvocation.Begin(play, include, host, rescuable);
            try
            {
                var items = include.Loop is null ? [null] : LoopRunner.Items(play.Run.Templates, invocation);
                var any = false;
                var index = 0L;
                foreach (var item in items)
                {
                    var loopVariables = LoopRunner.Variables(include, item, index++);
                    var itemInvocation = include.Loop is null ? invocation : invocation with
                    {
                        Scope = invocation.Scope.With(loopVariables),
                    };
                    if (_conditions.When(itemInvocation, []) != true)
                    {
                        continue;
                    }

                    any = true;
                    var target = play.Run.Templates.RenderText(include.Include!.Target.Text, itemInvocation.Scope, include.Include.Target.Location);
                    var parameters = new Dictionary<string, object?>(include.Vars, StringComparer.Ordinal);
                    if (include.Loop is not null)
                    {
                        foreach (var (k, v) in loopVariables)
                        {
                            parameters[k] = v;
                        }
                    }

                    if (include.Include.IsRole && RoleVariables.ParentRoleParams(include) is { } parents)
                    {
                        foreach (var (k, v) in parents)
                        {
                            parameters[k] = v;
                        }
                    }

                    var key = JsonSerializer.Serialize(new object?[] { target, PlainData.ToJson(parameters) });
                    var group = groups.Find(g => g.Key == key);
                    if (group is null)
                    {
                        group = new Group(key, target, parameters);
                        groups.Add(group);
                    }

                    group.Members.Add((host, itemInvocation));
                }

                if (!any)
                {
                    recorder.Record(invocation, ItemResult.Skipped("Conditional result was False"), loopSummary: false);
                }
            }
            catch (UserInputException ex)
            {
                recorder.Record(invocation, ItemResult.WithMessage(TaskOutcome.Failed, ex.Message), loopSummary: false);
            }
        }

        var loaded = new List<(BlockDefinition, List<HostState>)>();
        var reported = new HashSet<HostState>();
        foreach (var group in groups)
        {
            var outer = new BlockDefinition { Location = include.Location, Play = play.Play, Parent = include.Parent, IncludeParams = group.Parameters };
            BlockDefinition block;
            try
            {
                if (outer.Chain().OfType<BlockDefinition>().Count(b => b.IncludeParams is not null) > LoadSession.MaxDepth)
                {
                    throw new UserInputException($"includes nest deeper than {LoadSession.MaxDepth} levels (does '{group.Target}' include itself?)", include.Location);
                }

                block = include.Include!.Load(group.Target, outer);
                outer.Block.Add(block);
            }
            catch (UserInputException ex)
            {
                foreach (var (host, invocation) in group.Members)
                {
                    recorder.Record(invocation, ItemResult.WithMessage(TaskOutcome.Failed, ex.Message), loopSummary: false);
                }

                continue;
            }

            // include_tasks reports "included: FILE for HOST" and counts it ok; include_role is reached too but
            // counted nowhere in Ansible's recap (ansible-core 2.14). A looped include shows one result per host
            // (its loop result) while each included file still counts.
            foreach (var (host, invocation) in group.Members)
            {
                var reached = ItemResult.WithMessage(TaskOutcome.Ok, $"included: {group.Target} for {host.Name}");
                var first = reported.Add(host);
                if (include.Include!.IsRole)
                {
                    if (first)
                    {
                        recorder.ReportUncounted(invocation, reached);
                    }
                }
                else if (first)
                {
                    recorder.Record(invocation, reached, loopSummary: false);
                }
                else
                {
                    recorder.CountUnreported(invocation, reached);
                }
            }

            var members = group.Members.Select(m => m.Host).Where(h => h.Active).Distinct().ToList();
            if (members.Count > 0)
            {
                loaded.Add((outer, members));
            }
        }

        return loaded;
    }


    private sealed record Group(string Key, string Target, Dictionary<string, object?> Parameters)
    {
        public List<(HostState Host, TaskInvocation Invocation)> Members { get; } = [];
    }
}
