using System.Globalization;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Templating;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Builds the playbook model from YAML and validates everything that can be checked before a host is
/// touched: keywords, modules and their argument names and literal types, template syntax, notify targets,
/// vars_files. Every error carries file:line:column.
/// </summary>
internal sealed class PlaybookLoader(ModuleRegistry modules, TemplateEngine templates)
{
    private static readonly HashSet<string> PlayKeywords = new(StringComparer.Ordinal)
    {
        "name", "hosts", "serial", "max_fail_percentage", "any_errors_fatal", "strategy", "vars", "vars_files",
        "pre_tasks", "tasks", "post_tasks", "handlers", "become", "become_user", "gather_facts", "tags", "check_mode",
        "diff", "no_log", "ignore_errors", "ignore_unreachable", "force_handlers", "secret_vars",
    };

    private static readonly HashSet<string> CommonKeywords = new(StringComparer.Ordinal)
    {
        "name", "when", "tags", "vars", "become", "become_user", "ignore_errors", "ignore_unreachable", "no_log",
        "check_mode", "diff", "run_once", "delegate_to", "any_errors_fatal",
    };

    private static readonly HashSet<string> TaskKeywords = new(CommonKeywords, StringComparer.Ordinal)
    {
        "loop", "with_items", "loop_control", "register", "until", "retries", "delay", "changed_when", "failed_when",
        "notify", "args", "listen",
    };

    private static readonly HashSet<string> BlockKeywords = new(CommonKeywords, StringComparer.Ordinal) { "block", "rescue", "always" };

    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["roles"] = "roles are not supported; put the tasks in the play",
        ["import_tasks"] = "import_tasks is not supported; put the tasks in the play",
        ["include_tasks"] = "include_tasks is not supported; put the tasks in the play",
        ["import_playbook"] = "import_playbook is not supported; run the playbooks one after the other",
        ["include_role"] = "roles are not supported",
        ["import_role"] = "roles are not supported",
        ["environment"] = "environment is not supported; set variables in the command (shell: FOO=bar cmd)",
        ["vars_prompt"] = "vars_prompt is not supported; pass values with -e",
        ["local_action"] = "local_action is not supported; use delegate_to: localhost",
        ["with_dict"] = "with_dict is not supported; use loop: \"{{ d | dict2items }}\"",
        ["with_together"] = "with_together is not supported",
        ["async"] = "async is not supported",
        ["poll"] = "poll is not supported",
        ["throttle"] = "throttle is not supported; use --forks or serial",
        ["connection"] = "connection is not supported at task level; set ansible_connection in the inventory",
    };

    private string _path = string.Empty;

    public Playbook Load(string path)
    {
        _path = path;
        if (!File.Exists(path))
        {
            throw new UserInputException($"playbook '{path}' does not exist");
        }

        var root = YamlData.LoadFile(path);
        if (root is not YamlSequenceNode plays)
        {
            throw new UserInputException(
                $"a playbook must be a list of plays, but found {(root is null ? "an empty file" : YamlData.Kind(root))}",
                root is null ? new SourceLocation(path, 1, 1) : At(root));
        }

        var result = new List<Play>();
        foreach (var node in plays.Children)
        {
            result.Add(LoadPlay(node));
        }

        if (result.Count == 0)
        {
            throw new UserInputException("the playbook has no plays", At(plays));
        }

        return new Playbook(path, result);
    }

    private SourceLocation At(YamlNode node) => YamlData.At(_path, node);

    private Play LoadPlay(YamlNode node)
    {
        var map = node as YamlMappingNode ?? throw new UserInputException($"a play must be a mapping, but found {YamlData.Kind(node)}", At(node));
        CheckKeys(map, PlayKeywords, "play");
        var hostsNode = Child(map, "hosts") ?? throw new UserInputException("a play needs 'hosts' (a host pattern such as 'all' or 'freeswitch')", At(map));
        var hosts = ToPlain(hostsNode) switch
        {
            string s when s.Length > 0 => s,
            List<object?> l when l.Count > 0 => string.Join(",", l.Select(PlainData.ToText)),
            _ => throw new UserInputException($"'hosts' must be a host pattern, but found {YamlData.Kind(hostsNode)}", At(hostsNode)),
        };
        var play = new Play
        {
            Name = Child(map, "name") is { } n ? ScalarString(n, "name") : hosts,
            Hosts = hosts,
            Location = At(map),
        };
        ReadOptions(play, map);
        if (Child(map, "serial") is { } serial)
        {
            play.Serial = ParseSerial(serial);
        }

        if (Child(map, "max_fail_percentage") is { } mfp)
        {
            play.MaxFailPercentage = ToPlain(mfp) switch
            {
                long l when l is >= 0 and <= 100 => l,
                double d when d is >= 0 and <= 100 => d,
                string s when double.TryParse(s.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 100 => p,
                _ => throw new UserInputException($"'max_fail_percentage' must be a number from 0 to 100, but found {YamlData.Kind(mfp)}", At(mfp)),
            };
        }

        if (Child(map, "strategy") is { } strategy)
        {
            play.Strategy = ScalarString(strategy, "strategy") switch
            {
                "linear" => Strategy.Linear,
                "free" => Strategy.Free,
                var s => throw new UserInputException($"'strategy' must be linear or free, but found '{s}'", At(strategy)),
            };
        }

        play.GatherFacts = OptionalBool(map, "gather_facts") ?? false;
        play.ForceHandlers = OptionalBool(map, "force_handlers") ?? false;
        if (Child(map, "vars_files") is { } vf)
        {
            foreach (var item in Sequence(vf, "vars_files"))
            {
                var file = ScalarString(item, "vars_files entry");
                if (!file.Contains("{{", StringComparison.Ordinal) && !File.Exists(ResolveRelative(file)))
                {
                    throw new UserInputException($"vars file '{file}' does not exist (looked at {ResolveRelative(file)})", At(item));
                }

                play.VarsFiles.Add(new VarsFile(file, At(item)));
            }
        }

        if (Child(map, "secret_vars") is { } sv)
        {
            play.SecretVars.AddRange(Sequence(sv, "secret_vars").Select(i => ScalarString(i, "secret_vars entry")));
        }

        if (Child(map, "handlers") is { } handlers)
        {
            var index = 0;
            foreach (var h in Sequence(handlers, "handlers"))
            {
                if (h is YamlMappingNode hm && Child(hm, "block") is not null)
                {
                    throw new UserInputException("blocks are not supported in handlers", At(h));
                }

                play.Handlers.Add((TaskDefinition)LoadTaskNode(h, play, null, isHandler: true, index++));
            }
        }

        foreach (var (key, list) in new[] { ("pre_tasks", play.PreTasks), ("tasks", play.Tasks), ("post_tasks", play.PostTasks) })
        {
            if (Child(map, key) is { } section)
            {
                list.AddRange(Sequence(section, key).Select(t => LoadTaskNode(t, play, null, false, 0)));
            }
        }

        CheckNotifies(play);
        return play;
    }

    public string ResolveRelative(string file) =>
        Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_path)) ?? ".", file);

    private void CheckNotifies(Play play)
    {
        var names = new HashSet<string>(play.Handlers.Where(h => h.Name is not null).Select(h => h.Name!), StringComparer.Ordinal);
        names.UnionWith(play.Handlers.SelectMany(h => h.Listen));
        foreach (var task in AllTasks(play.PreTasks.Concat(play.Tasks).Concat(play.PostTasks).Concat(play.Handlers)))
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

    public static IEnumerable<TaskDefinition> AllTasks(IEnumerable<TaskNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is TaskDefinition t)
            {
                yield return t;
            }
            else if (node is BlockDefinition b)
            {
                foreach (var inner in AllTasks(b.Block.Concat(b.Rescue).Concat(b.Always)))
                {
                    yield return inner;
                }
            }
        }
    }

    private TaskNode LoadTaskNode(YamlNode node, Play play, BlockDefinition? parent, bool isHandler, int handlerIndex)
    {
        var map = node as YamlMappingNode ?? throw new UserInputException($"a task must be a mapping, but found {YamlData.Kind(node)}", At(node));
        if (Child(map, "block") is not null)
        {
            CheckKeys(map, BlockKeywords, "block");
            var block = new BlockDefinition { Location = At(map), Play = play, Parent = parent };
            ReadOptions(block, map);
            block.Name = Child(map, "name") is { } bn ? ScalarString(bn, "name") : null;
            foreach (var (key, list) in new[] { ("block", block.Block), ("rescue", block.Rescue), ("always", block.Always) })
            {
                if (Child(map, key) is { } section)
                {
                    list.AddRange(Sequence(section, key).Select(t => LoadTaskNode(t, play, block, false, 0)));
                }
            }

            return block;
        }

        foreach (var key in new[] { "rescue", "always" })
        {
            if (Child(map, key) is { } stray)
            {
                throw new UserInputException($"'{key}' is only valid in a block (next to 'block:')", At(KeyNode(map, key)!));
            }
        }

        // Exactly one key that is not a task keyword: the module.
        string? moduleName = null;
        YamlNode? moduleKey = null;
        YamlNode? moduleValue = null;
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? string.Empty;
            if (TaskKeywords.Contains(key))
            {
                if (key == "listen" && !isHandler)
                {
                    throw new UserInputException("'listen' is only valid in handlers", At(k));
                }

                continue;
            }

            if (Unsupported.TryGetValue(key, out var why))
            {
                throw new UserInputException(why, At(k));
            }

            if (!modules.TryGet(key, out _))
            {
                throw new UserInputException(
                    $"'{key}' is neither a task keyword nor a known module; modules: {string.Join(", ", modules.Modules.Select(m => m.Name))}",
                    At(k));
            }

            if (moduleName is not null)
            {
                throw new UserInputException($"a task has exactly one module, but this one has '{moduleName}' (line {moduleKey!.Start.Line}) and '{key}'", At(k));
            }

            moduleName = key;
            moduleKey = k;
            moduleValue = v;
        }

        if (moduleName is null)
        {
            throw new UserInputException("a task needs a module (such as command, template, xml, sysctl, service, debug)", At(map));
        }

        modules.TryGet(moduleName, out var module);
        var task = new TaskDefinition
        {
            ModuleName = module.Name,
            ModuleLocation = At(moduleKey!),
            Location = At(map),
            Play = play,
            Parent = parent,
            IsHandler = isHandler,
            HandlerIndex = handlerIndex,
        };
        ReadOptions(task, map);
        task.Name = Child(map, "name") is { } nameNode ? ScalarString(nameNode, "name") : null;
        if (isHandler && task.Name is null && Child(map, "listen") is null)
        {
            throw new UserInputException("a handler needs a 'name' (or 'listen') so tasks can notify it", At(map));
        }

        ReadArguments(task, module, moduleValue!, Child(map, "args"));
        ReadTaskKeywords(task, map);
        if (task.Name is not null && task.Name.Contains("{{", StringComparison.Ordinal))
        {
            templates.CheckText(task.Name, task.Location);
        }

        return task;
    }

    private void ReadArguments(TaskDefinition task, Module module, YamlNode value, YamlNode? argsNode)
    {
        var spec = module.Arguments;
        switch (value)
        {
            case YamlMappingNode m:
                AddArgs(task, m);
                break;
            case YamlScalarNode s when s.Style == YamlDotNet.Core.ScalarStyle.Plain && string.IsNullOrEmpty(s.Value):
                break;
            case YamlScalarNode s:
                var text = s.Value ?? string.Empty;
                if (spec.FreeForm is { } freeForm && (freeForm == "cmd" || !LooksLikeKeyValues(text, spec)))
                {
                    if (freeForm == "cmd")
                    {
                        // Ansible reads creates=, chdir= and its other command options out of a command line.
                        var command = KeyValueParser.Parse(text, At(s), KeyValueParser.CommandOptions);
                        AddKeyValues(task, command.Options, At(s));
                        text = (command.FreeFormText ?? string.Empty).Trim();
                    }

                    task.Args[freeForm] = text;
                    task.ArgLocations[freeForm] = At(s);
                }
                else if (module.Name == "meta")
                {
                    task.Args["action"] = text;
                    task.ArgLocations["action"] = At(s);
                }
                else
                {
                    var parsed = KeyValueParser.Parse(text, At(s));
                    if (parsed.FreeFormText is { } stray)
                    {
                        throw new UserInputException($"expected key=value arguments, but found '{stray}'", At(s));
                    }

                    AddKeyValues(task, parsed.Options, At(s));
                }

                break;
            default:
                throw new UserInputException($"the arguments of '{module.Name}' must be a mapping or a string, but found {YamlData.Kind(value)}", At(value));
        }

        if (argsNode is not null)
        {
            AddArgs(task, argsNode as YamlMappingNode ?? throw new UserInputException("'args' must be a mapping", At(argsNode)));
        }

        spec.Validate(module.Name, task.Args, task.ArgLocations, task.ModuleLocation);
        foreach (var (name, arg) in task.Args)
        {
            CheckTemplates(arg, task.ArgLocations.GetValueOrDefault(name, task.ModuleLocation));
        }
    }

    private void AddArgs(TaskDefinition task, YamlMappingNode m)
    {
        foreach (var (k, v) in m.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? string.Empty;
            if (task.Args.ContainsKey(key))
            {
                throw new UserInputException($"argument '{key}' is given twice", At(k));
            }

            task.Args[key] = ToPlain(v);
            task.ArgLocations[key] = At(v);
        }
    }

    private static bool LooksLikeKeyValues(string text, ModuleArgumentSpec spec)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, @"^\s*([A-Za-z_][A-Za-z0-9_]*)=");
        return m.Success && spec.TryGet(m.Groups[1].Value, out _);
    }

    private static void AddKeyValues(TaskDefinition task, IEnumerable<KeyValuePair<string, string>> options, SourceLocation at)
    {
        foreach (var (k, v) in options)
        {
            task.Args[k] = v;
            task.ArgLocations[k] = at;
        }
    }

    private void ReadTaskKeywords(TaskDefinition task, YamlMappingNode map)
    {
        if (Child(map, "loop") is { } loop)
        {
            task.Loop = LoopValue(loop, "loop");
            task.LoopLocation = At(loop);
        }

        if (Child(map, "with_items") is { } withItems)
        {
            if (task.Loop is not null)
            {
                throw new UserInputException("use either 'loop' or 'with_items', not both", At(withItems));
            }

            task.Loop = LoopValue(withItems, "with_items");
            task.LoopLocation = At(withItems);
        }

        if (Child(map, "loop_control") is { } lc)
        {
            var lcm = lc as YamlMappingNode ?? throw new UserInputException("'loop_control' must be a mapping", At(lc));
            CheckKeys(lcm, new HashSet<string>(["loop_var", "label", "index_var", "pause"], StringComparer.Ordinal), "loop_control");
            if (Child(lcm, "loop_var") is { } lv)
            {
                task.LoopVar = ScalarString(lv, "loop_var");
            }

            if (Child(lcm, "label") is { } label)
            {
                task.LoopLabel = Expr(label, "label", braces: true);
            }
        }

        if (Child(map, "register") is { } reg)
        {
            task.Register = ScalarString(reg, "register");
            if (!System.Text.RegularExpressions.Regex.IsMatch(task.Register, "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                throw new UserInputException($"'register' must be a variable name, but found '{task.Register}'", At(reg));
            }
        }

        if (Child(map, "until") is { } until)
        {
            task.Until = Expr(until, "until", braces: false);
        }

        if (Child(map, "retries") is { } retries)
        {
            task.Retries = ToPlain(retries);
            CheckIntegerOrTemplate(retries, "retries");
        }

        if (Child(map, "delay") is { } delay)
        {
            task.Delay = ToPlain(delay);
            CheckIntegerOrTemplate(delay, "delay");
        }

        foreach (var (key, list) in new[] { ("changed_when", task.ChangedWhen), ("failed_when", task.FailedWhen) })
        {
            if (Child(map, key) is { } cw)
            {
                list.AddRange(Conditions(cw, key));
            }
        }

        if (Child(map, "notify") is { } notify)
        {
            task.Notify.AddRange(StringList(notify, "notify"));
        }

        if (Child(map, "listen") is { } listen)
        {
            task.Listen.AddRange(StringList(listen, "listen"));
        }
    }

    private void CheckIntegerOrTemplate(YamlNode node, string key)
    {
        var v = ToPlain(node);
        if (v is long l && l >= 0)
        {
            return;
        }

        if (v is string s && s.Contains("{{", StringComparison.Ordinal))
        {
            templates.CheckText(s, At(node));
            return;
        }

        throw new UserInputException($"'{key}' must be a non-negative integer, but found {YamlData.Kind(node)}", At(node));
    }

    private object? LoopValue(YamlNode node, string key)
    {
        var v = ToPlain(node);
        switch (v)
        {
            case List<object?> list:
                CheckTemplates(list, At(node));
                return list;
            case string s when s.Contains("{{", StringComparison.Ordinal):
                templates.CheckText(s, At(node));
                return s;
            default:
                throw new UserInputException($"'{key}' must be a list or a \"{{{{ expression }}}}\" giving one, but found {YamlData.Kind(node)}", At(node));
        }
    }

    /// <summary>A boolean keyword's value, or null when the mapping does not have it.</summary>
    private bool? OptionalBool(YamlMappingNode map, string key) => Child(map, key) is { } node ? Bool(node, key) : null;

    private void ReadOptions(TaskOptions options, YamlMappingNode map)
    {
        options.Become = OptionalBool(map, "become") ?? options.Become;

        if (Child(map, "become_user") is { } bu)
        {
            options.BecomeUser = ScalarString(bu, "become_user");
        }

        options.IgnoreErrors = OptionalBool(map, "ignore_errors") ?? options.IgnoreErrors;
        options.IgnoreUnreachable = OptionalBool(map, "ignore_unreachable") ?? options.IgnoreUnreachable;
        options.NoLog = OptionalBool(map, "no_log") ?? options.NoLog;
        options.CheckMode = OptionalBool(map, "check_mode") ?? options.CheckMode;
        options.Diff = OptionalBool(map, "diff") ?? options.Diff;
        options.AnyErrorsFatal = OptionalBool(map, "any_errors_fatal") ?? options.AnyErrorsFatal;
        options.RunOnce = OptionalBool(map, "run_once") ?? options.RunOnce;

        if (Child(map, "delegate_to") is { } dt)
        {
            options.DelegateTo = Expr(dt, "delegate_to", braces: true);
        }

        if (Child(map, "tags") is { } tags)
        {
            options.Tags.AddRange(StringList(tags, "tags").SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
        }

        if (Child(map, "when") is { } when)
        {
            options.When.AddRange(Conditions(when, "when"));
        }

        if (Child(map, "vars") is { } vars)
        {
            if (vars is not YamlMappingNode vm)
            {
                throw new UserInputException($"'vars' must be a mapping, but found {YamlData.Kind(vars)}", At(vars));
            }

            foreach (var (k, v) in vm.Children)
            {
                var name = ((YamlScalarNode)k).Value ?? string.Empty;
                if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
                {
                    throw new UserInputException($"'{name}' is not a valid variable name (letters, digits and _)", At(k));
                }

                var value = ToPlain(v);
                CheckTemplates(value, At(v));
                options.Vars[name] = value;
            }
        }
    }

    private IEnumerable<Expression> Conditions(YamlNode node, string key)
    {
        var items = node is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[node];
        foreach (var item in items)
        {
            var value = ToPlain(item);
            var text = value switch
            {
                string s => s,
                bool b => b ? "true" : "false",
                long or double => PlainData.ToText(value),
                _ => throw new UserInputException($"'{key}' must be an expression or a list of expressions, but found {YamlData.Kind(item)}", At(item)),
            };
            var expr = new Expression(text, At(item));
            templates.CheckExpression(text, expr.Location);
            yield return expr;
        }
    }

    private Expression Expr(YamlNode node, string key, bool braces)
    {
        var value = ToPlain(node);
        if (value is not (string or long or double or bool))
        {
            throw new UserInputException($"'{key}' must be a string, but found {YamlData.Kind(node)}", At(node));
        }

        var text = PlainData.ToText(value);
        if (braces)
        {
            templates.CheckText(text, At(node));
        }
        else
        {
            templates.CheckExpression(text, At(node));
        }

        return new Expression(text, At(node));
    }

    private void CheckTemplates(object? value, SourceLocation at)
    {
        switch (value)
        {
            case string s when s.Contains("{{", StringComparison.Ordinal):
                templates.CheckText(s, at);
                break;
            case Dictionary<string, object?> d:
                foreach (var v in d.Values)
                {
                    CheckTemplates(v, at);
                }

                break;
            case List<object?> l:
                foreach (var v in l)
                {
                    CheckTemplates(v, at);
                }

                break;
        }
    }

    private IReadOnlyList<SerialStep> ParseSerial(YamlNode node)
    {
        var items = node is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[node];
        var steps = new List<SerialStep>();
        foreach (var item in items)
        {
            var step = ToPlain(item) switch
            {
                long l when l >= 0 => new SerialStep(l, false),
                string s when s.EndsWith('%') && long.TryParse(s[..^1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 100 => new SerialStep(p, true),
                string s when long.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => new SerialStep(n, false),
                _ => throw new UserInputException($"'serial' entries must be a host count or a percentage like \"30%\", but found {YamlData.Kind(item)}", At(item)),
            };
            steps.Add(step);
        }

        if (steps.Count == 0)
        {
            throw new UserInputException("'serial' must not be an empty list", At(node));
        }

        return steps;
    }

    private void CheckKeys(YamlMappingNode map, HashSet<string> allowed, string what)
    {
        foreach (var (k, _) in map.Children)
        {
            if (k is not YamlScalarNode ks)
            {
                throw new UserInputException($"{what} keys must be names", At(k));
            }

            var key = ks.Value ?? string.Empty;
            if (allowed.Contains(key))
            {
                continue;
            }

            if (Unsupported.TryGetValue(key, out var why))
            {
                throw new UserInputException(why, At(k));
            }

            if (what != "task")
            {
                throw new UserInputException(
                    $"unknown {what} keyword '{key}'; expected one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}", At(k));
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    private static YamlNode? KeyNode(YamlMappingNode map, string key) =>
        map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key);

    private object? ToPlain(YamlNode node) => YamlData.ToPlain(node, _path);

    private string ScalarString(YamlNode node, string key) => ToPlain(node) switch
    {
        string s => s,
        var v and (long or double or bool) => PlainData.ToText(v),
        _ => throw new UserInputException($"'{key}' must be a string, but found {YamlData.Kind(node)}", At(node)),
    };

    private bool Bool(YamlNode node, string key) =>
        PlainData.TryToBool(ToPlain(node), out var b) ? b : throw new UserInputException($"'{key}' must be true or false, but found {YamlData.Kind(node)}", At(node));

    private IEnumerable<YamlNode> Sequence(YamlNode node, string key) => node switch
    {
        YamlSequenceNode seq => seq.Children,
        YamlScalarNode s when s.Style == YamlDotNet.Core.ScalarStyle.Plain && string.IsNullOrEmpty(s.Value) => [],
        _ => throw new UserInputException($"'{key}' must be a list, but found {YamlData.Kind(node)}", At(node)),
    };

    private List<string> StringList(YamlNode node, string key) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(c => ScalarString(c, key)).ToList(),
        _ => [ScalarString(node, key)],
    };
}
