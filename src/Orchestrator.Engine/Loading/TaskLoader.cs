using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>Builds tasks, handlers and blocks: picks the module, reads the arguments and the task keywords.</summary>
internal sealed class TaskLoader(LoadSession session, PlaybookNodes nodes, ExpressionReader expressions)
{
    private readonly ModuleRegistry modules = session.Modules;
    private readonly TaskOptionsReader _options = new(nodes, expressions);
    private readonly TaskArgumentReader _arguments = new(nodes, expressions);
    private IncludeLoader? _includes;

    public TaskNode Load(YamlNode node, Play play, BlockDefinition? parent, bool isHandler, int handlerIndex)
    {
        var map = node as YamlMappingNode ?? throw new UserInputException($"a task must be a mapping, but found {YamlData.Kind(node)}", nodes.At(node));
        if (PlaybookNodes.Child(map, "block") is not null)
        {
            return LoadBlock(map, play, parent);
        }

        foreach (var key in new[] { "rescue", "always" })
        {
            if (PlaybookNodes.Child(map, key) is { } stray)
            {
                throw new UserInputException($"'{key}' is only valid in a block (next to 'block:')", nodes.At(PlaybookNodes.KeyNode(map, key)!));
            }
        }

        if (IncludeLoader.KindOf(map) is { } include)
        {
            _includes ??= new IncludeLoader(session, nodes, expressions, this);
            return _includes.Load(map, include, play, parent, isHandler);
        }

        var (module, moduleKey, moduleValue) = FindModule(map, isHandler);
        var task = new TaskDefinition
        {
            ModuleName = module.Name,
            ModuleLocation = nodes.At(moduleKey),
            Location = nodes.At(map),
            Play = play,
            Parent = parent,
            IsHandler = isHandler,
            HandlerIndex = handlerIndex,
        };
        _options.Read(task, map);
        task.Name = PlaybookNodes.Child(map, "name") is { } nameNode ? nodes.ScalarString(nameNode, "name") : null;
        if (isHandler && task.Name is null && PlaybookNodes.Child(map, "listen") is null)
        {
            throw new UserInputException("a handler needs a 'name' (or 'listen') so tasks can notify it", nodes.At(map));
        }

        _arguments.Read(task, module, moduleValue, PlaybookNodes.Child(map, "args"));
        ReadTaskKeywords(task, map);
        if (task.Name is not null && task.Name.Contains("{{", StringComparison.Ordinal))
        {
            expressions.CheckText(task.Name, task.Location);
        }

        return task;
    }

    private BlockDefinition LoadBlock(YamlMappingNode map, Play play, BlockDefinition? parent)
    {
        nodes.CheckKeys(map, PlaybookKeywords.Block, "block");
        var block = new BlockDefinition { Location = nodes.At(map), Play = play, Parent = parent };
        _options.Read(block, map);
        block.Name = PlaybookNodes.Child(map, "name") is { } bn ? nodes.ScalarString(bn, "name") : null;
        foreach (var (key, list) in new[] { ("block", block.Block), ("rescue", block.Rescue), ("always", block.Always) })
        {
            if (PlaybookNodes.Child(map, key) is { } section)
            {
                list.AddRange(nodes.Sequence(section, key).Select(t => Load(t, play, block, false, 0)));
            }
        }

        return block;
    }

    /// <summary>Exactly one key that is not a task keyword: the module.</summary>
    private (Module Module, YamlNode Key, YamlNode Value) FindModule(YamlMappingNode map, bool isHandler)
    {
        string? moduleName = null;
        YamlNode? moduleKey = null;
        YamlNode? moduleValue = null;
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? string.Empty;
            if (PlaybookKeywords.Task.Contains(key) || LoopKeywords.IsWithKeyword(key))
            {
                if (key == "listen" && !isHandler)
                {
                    throw new UserInputException("'listen' is only valid in handlers", nodes.At(k));
                }

                continue;
            }

            if (PlaybookKeywords.Unsupported.TryGetValue(key, out var why))
            {
                throw new UserInputException(why, nodes.At(k));
            }

            if (!modules.TryGet(key, out _))
            {
                throw new UserInputException(
                    $"'{key}' is neither a task keyword nor a known module; modules: {string.Join(", ", modules.Modules.Select(m => m.Name))}",
                    nodes.At(k));
            }

            if (moduleName is not null)
            {
                throw new UserInputException($"a task has exactly one module, but this one has '{moduleName}' (line {moduleKey!.Start.Line}) and '{key}'", nodes.At(k));
            }

            moduleName = key;
            moduleKey = k;
            moduleValue = v;
        }

        if (moduleName is null)
        {
            throw new UserInputException("a task needs a module (such as command, template, xml, sysctl, service, debug)", nodes.At(map));
        }

        modules.TryGet(moduleName, out var module);
        return (module, moduleKey!, moduleValue!);
    }

    /// <summary>loop, register, until, changed_when, notify and the other task keywords beyond the shared ones.</summary>
    public void ReadTaskKeywords(TaskDefinition task, YamlMappingNode map)
    {
        ReadLoop(task, map);
        AsyncKeywords.Read(task, map, nodes);
        if (PlaybookNodes.Child(map, "register") is { } reg)
        {
            task.Register = nodes.ScalarString(reg, "register");
            if (!System.Text.RegularExpressions.Regex.IsMatch(task.Register, "^[A-Za-z_][A-Za-z0-9_]*$"))
            {
                throw new UserInputException($"'register' must be a variable name, but found '{task.Register}'", nodes.At(reg));
            }
        }

        if (PlaybookNodes.Child(map, "until") is { } until)
        {
            task.Until = expressions.Expr(until, "until", braces: false);
        }

        if (PlaybookNodes.Child(map, "retries") is { } retries)
        {
            task.Retries = nodes.ToPlain(retries);
            expressions.CheckIntegerOrTemplate(retries, "retries");
        }

        if (PlaybookNodes.Child(map, "delay") is { } delay)
        {
            task.Delay = nodes.ToPlain(delay);
            expressions.CheckIntegerOrTemplate(delay, "delay");
        }

        foreach (var (key, list) in new[] { ("changed_when", task.ChangedWhen), ("failed_when", task.FailedWhen) })
        {
            if (PlaybookNodes.Child(map, key) is { } cw)
            {
                list.AddRange(expressions.Conditions(cw, key));
            }
        }

        if (PlaybookNodes.Child(map, "notify") is { } notify)
        {
            task.Notify.AddRange(nodes.StringList(notify, "notify"));
        }

        if (PlaybookNodes.Child(map, "listen") is { } listen)
        {
            task.Listen.AddRange(nodes.StringList(listen, "listen"));
        }
    }

    private void ReadLoop(TaskDefinition task, YamlMappingNode map)
    {
        LoopKeywords.Read(task, map, nodes, expressions);
        if (PlaybookNodes.Child(map, "loop_control") is { } lc)
        {
            var lcm = lc as YamlMappingNode ?? throw new UserInputException("'loop_control' must be a mapping", nodes.At(lc));
            nodes.CheckKeys(lcm, PlaybookKeywords.LoopControl, "loop_control");
            if (PlaybookNodes.Child(lcm, "loop_var") is { } lv)
            {
                task.LoopVar = nodes.ScalarString(lv, "loop_var");
            }

            if (PlaybookNodes.Child(lcm, "index_var") is { } iv)
            {
                task.IndexVar = nodes.ScalarString(iv, "index_var");
            }

            if (PlaybookNodes.Child(lcm, "label") is { } label)
            {
                task.LoopLabel = expressions.Expr(label, "label", braces: true);
            }
        }
    }
}
