using System.Globalization;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Templating;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>Builds one play: its keywords, vars_files, handlers and task sections, and checks its notify targets.</summary>
internal sealed class PlayLoader(LoadSession session, PlaybookNodes nodes)
{
    private readonly TaskOptionsReader options = new(nodes, new ExpressionReader(nodes, session.Templates));
    private readonly TaskLoader tasks = session.TasksIn(nodes);

    public Play Load(YamlNode node)
    {
        var map = node as YamlMappingNode ?? throw new UserInputException($"a play must be a mapping, but found {YamlData.Kind(node)}", nodes.At(node));
        nodes.CheckKeys(map, PlaybookKeywords.Play, "play");
        var hostsNode = PlaybookNodes.Child(map, "hosts") ?? throw new UserInputException("a play needs 'hosts' (a host pattern such as 'all' or 'freeswitch')", nodes.At(map));
        var hosts = nodes.ToPlain(hostsNode) switch
        {
            string s when s.Length > 0 => s,
            List<object?> l when l.Count > 0 => string.Join(",", l.Select(PlainData.ToText)),
            _ => throw new UserInputException($"'hosts' must be a host pattern, but found {YamlData.Kind(hostsNode)}", nodes.At(hostsNode)),
        };
        var play = new Play
        {
            Name = PlaybookNodes.Child(map, "name") is { } n ? nodes.ScalarString(n, "name") : hosts,
            Hosts = hosts,
            Location = nodes.At(map),
        };
        options.Read(play, map);
        ReadBatching(play, map);
        play.GatherFacts = nodes.OptionalBool(map, "gather_facts");
        play.ForceHandlers = nodes.OptionalBool(map, "force_handlers") ?? false;
        ReadVarsFiles(play, map);
        play.VarsPrompt.AddRange(VarsPromptReader.Read(nodes, map));
        if (PlaybookNodes.Child(map, "secret_vars") is { } sv)
        {
            play.SecretVars.AddRange(nodes.Sequence(sv, "secret_vars").Select(i => nodes.ScalarString(i, "secret_vars entry")));
        }

        var roles = ReadRoles(play, map);
        ReadHandlers(play, map);
        foreach (var (key, list) in new[] { ("pre_tasks", play.PreTasks), ("tasks", play.Tasks), ("post_tasks", play.PostTasks) })
        {
            if (PlaybookNodes.Child(map, key) is { } section)
            {
                list.AddRange(nodes.Sequence(section, key).Select(t => tasks.Load(t, play, null, false, 0)));
            }
        }

        // Ansible compiles roles in front of the play's tasks: pre_tasks, flush, roles, tasks, flush, post_tasks, flush;
        // and the handlers of roles (play roles and import_role alike) in front of the play's own.
        play.Tasks.InsertRange(0, roles);
        play.Handlers.InsertRange(0, play.Roles.SelectMany(RoleLoader.AllHandlers).Distinct().Where(h => !play.Handlers.Contains(h)).ToList());
        CheckNotifies(play);
        return play;
    }

    /// <summary>Play <c>roles:</c>, one block per entry; their handlers go before the play's own, as in Ansible.</summary>
    private List<BlockDefinition> ReadRoles(Play play, YamlMappingNode map)
    {
        if (PlaybookNodes.Child(map, "roles") is not { } rolesNode)
        {
            return [];
        }

        var loader = session.RolesFor(play);
        var blocks = nodes.Sequence(rolesNode, "roles").Select(entry => loader.LoadEntry(entry, nodes, null, null)).ToList();
        // The roles: entries come first, before roles their tasks import while they load (Ansible's play.roles order,
        // which ansible_role_names shows).
        var entries = blocks.Select(b => b.ForRole!).ToList();
        var imported = play.Roles.Where(r => !entries.Contains(r)).ToList();
        play.Roles.Clear();
        play.Roles.AddRange(entries.Concat(imported));
        return blocks;
    }

    /// <summary>serial, max_fail_percentage and strategy: how the play walks its hosts.</summary>
    private void ReadBatching(Play play, YamlMappingNode map)
    {
        if (PlaybookNodes.Child(map, "serial") is { } serial)
        {
            play.Serial = ParseSerial(serial);
        }

        if (PlaybookNodes.Child(map, "max_fail_percentage") is { } mfp)
        {
            play.MaxFailPercentage = nodes.ToPlain(mfp) switch
            {
                long l when l is >= 0 and <= 100 => l,
                double d when d is >= 0 and <= 100 => d,
                string s when double.TryParse(s.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 100 => p,
                _ => throw new UserInputException($"'max_fail_percentage' must be a number from 0 to 100, but found {YamlData.Kind(mfp)}", nodes.At(mfp)),
            };
        }

        if (PlaybookNodes.Child(map, "strategy") is { } strategy)
        {
            play.Strategy = nodes.ScalarString(strategy, "strategy") switch
            {
                "linear" => Strategy.Linear,
                "free" => Strategy.Free,
                var s => throw new UserInputException($"'strategy' must be linear or free, but found '{s}'", nodes.At(strategy)),
            };
        }
    }

    private void ReadVarsFiles(Play play, YamlMappingNode map)
    {
        if (PlaybookNodes.Child(map, "vars_files") is not { } vf)
        {
            return;
        }

        foreach (var item in nodes.Sequence(vf, "vars_files"))
        {
            var file = nodes.ScalarString(item, "vars_files entry");
            if (!file.Contains("{{", StringComparison.Ordinal) && InputPath.FileProblem(nodes.ResolveRelative(file)) is { } problem)
            {
                throw new UserInputException($"vars file '{file}' {problem} (looked at {nodes.ResolveRelative(file)})", nodes.At(item));
            }

            play.VarsFiles.Add(new VarsFile(file, nodes.At(item)));
        }
    }

    private void ReadHandlers(Play play, YamlMappingNode map)
    {
        if (PlaybookNodes.Child(map, "handlers") is not { } handlers)
        {
            return;
        }

        var index = 0;
        foreach (var h in nodes.Sequence(handlers, "handlers"))
        {
            if (h is YamlMappingNode hm && PlaybookNodes.Child(hm, "block") is not null)
            {
                throw new UserInputException("blocks are not supported in handlers", nodes.At(h));
            }

            play.Handlers.Add((TaskDefinition)tasks.Load(h, play, null, isHandler: true, index++));
        }
    }

    private static void CheckNotifies(Play play)
    {
        var names = new HashSet<string>(play.Handlers.Where(h => h.Name is not null).SelectMany(h => new[] { h.Name!, h.DisplayName }), StringComparer.Ordinal);
        names.UnionWith(play.Handlers.SelectMany(h => h.Listen));
        foreach (var task in PlaybookLoader.AllTasks(play.PreTasks.Concat(play.Tasks).Concat(play.PostTasks).Concat(play.Handlers)))
        {
            foreach (var notify in task.Notify)
            {
                if (!names.Contains(notify))
                {
                    throw new UserInputException(
                        $"task '{task.DisplayName}' notifies '{notify}', but no handler has that name or listens to it"
                        + (names.Count > 0 ? $"; handlers: {string.Join(", ", names.Order(StringComparer.Ordinal))}" : string.Empty),
                        task.Location);
                }
            }
        }
    }

    private IReadOnlyList<SerialStep> ParseSerial(YamlNode node)
    {
        var items = node is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[node];
        var steps = new List<SerialStep>();
        foreach (var item in items)
        {
            var step = nodes.ToPlain(item) switch
            {
                long l when l >= 0 => new SerialStep(l, false),
                string s when s.EndsWith('%') && long.TryParse(s[..^1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 100 => new SerialStep(p, true),
                string s when long.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => new SerialStep(n, false),
                _ => throw new UserInputException($"'serial' entries must be a host count or a percentage like \"30%\", but found {YamlData.Kind(item)}", nodes.At(item)),
            };
            steps.Add(step);
        }

        if (steps.Count == 0)
        {
            throw new UserInputException("'serial' must not be an empty list", nodes.At(node));
        }

        return steps;
    }
}
