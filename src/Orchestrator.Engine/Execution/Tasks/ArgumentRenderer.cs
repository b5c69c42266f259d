using Orchestrator.Core.Errors;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>Renders a task's module arguments and its templated integer keywords (retries, delay) in its scope.</summary>
internal sealed class ArgumentRenderer(TemplateEngine templates, PlaySecrets secrets)
{
    /// <summary>Arguments that render to <c>omit</c> are left out; values of secret arguments are registered as secrets.</summary>
    public ModuleArguments Render(TaskDefinition task, Module module, VariableScope scope, HashSet<string> reads)
    {
        var rendered = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, raw) in task.Args)
        {
            var at = task.ArgLocations.GetValueOrDefault(name, task.ModuleLocation);
            var value = templates.Render(raw, scope, at, n => reads.Add(n));
            if (value is string s && s == MagicVariables.OmitPlaceholder)
            {
                continue;
            }

            if (module.Arguments.TryGet(name, out var def) && def.Secret)
            {
                secrets.AddValue(value);
            }

            rendered[name] = value;
        }

        return new ModuleArguments(module.Name, module.Arguments, rendered, task.ModuleLocation);
    }

    /// <summary>A keyword written as an integer or a template giving one; <paramref name="fallback"/> when absent.</summary>
    public int Integer(object? value, int fallback, VariableScope scope, TaskDefinition task, string name)
    {
        if (value is null)
        {
            return fallback;
        }

        var rendered = templates.Render(value, scope, task.Location);
        return PlainData.TryToLong(rendered, out var l) && l >= 0
            ? (int)Math.Min(l, 100_000)
            : throw new UserInputException($"'{name}' must be a non-negative integer, but is {PlainData.ToText(rendered)}", task.Location);
    }
}
