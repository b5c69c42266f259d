using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// Reads a task's module arguments (a mapping, a free-form string or k=v text, plus 'args') and checks them
/// against the module's argument spec.
/// </summary>
internal sealed class TaskArgumentReader(PlaybookNodes nodes, ExpressionReader expressions)
{
    public void Read(TaskDefinition task, Module module, YamlNode value, YamlNode? argsNode)
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
                ReadText(task, module, s);
                break;
            default:
                throw new UserInputException($"the arguments of '{module.Name}' must be a mapping or a string, but found {YamlData.Kind(value)}", nodes.At(value));
        }

        if (argsNode is not null)
        {
            AddArgs(task, argsNode as YamlMappingNode ?? throw new UserInputException("'args' must be a mapping", nodes.At(argsNode)));
        }

        spec.Validate(module.Name, task.Args, task.ArgLocations, task.ModuleLocation);
        foreach (var (name, arg) in task.Args)
        {
            expressions.CheckTemplates(arg, task.ArgLocations.GetValueOrDefault(name, task.ModuleLocation));
        }
    }

    private void ReadText(TaskDefinition task, Module module, YamlScalarNode s)
    {
        var spec = module.Arguments;
        var text = s.Value ?? string.Empty;
        if (spec.FreeForm is { } freeForm && (freeForm == "cmd" || !LooksLikeKeyValues(text, spec)))
        {
            if (freeForm == "cmd")
            {
                // Ansible reads creates=, chdir= and its other command options out of a command line.
                var command = KeyValueParser.Parse(text, nodes.At(s), KeyValueParser.CommandOptions);
                AddKeyValues(task, command.Options, nodes.At(s));
                text = (command.FreeFormText ?? string.Empty).Trim();
            }

            task.Args[freeForm] = text;
            task.ArgLocations[freeForm] = nodes.At(s);
        }
        else if (module.Name == "meta")
        {
            task.Args["action"] = text;
            task.ArgLocations["action"] = nodes.At(s);
        }
        else
        {
            var parsed = KeyValueParser.Parse(text, nodes.At(s));
            if (parsed.FreeFormText is { } stray)
            {
                throw new UserInputException($"expected key=value arguments, but found '{stray}'", nodes.At(s));
            }

            AddKeyValues(task, parsed.Options, nodes.At(s));
        }
    }

    private void AddArgs(TaskDefinition task, YamlMappingNode m)
    {
        foreach (var (k, v) in m.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? string.Empty;
            if (task.Args.ContainsKey(key))
            {
                throw new UserInputException($"argument '{key}' is given twice", nodes.At(k));
            }

            task.Args[key] = nodes.ToPlain(v);
            task.ArgLocations[key] = nodes.At(v);
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
}
