using Orchestrator.Core.Errors;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Loading;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>
/// A task's <c>environment</c>: the play's, then each enclosing block's, then the task's own, rendered with the item's
/// variables and merged inner over outer (a plain update, as Ansible does, not hash_behaviour). Values become text the
/// way Python's <c>str()</c> does; values under secret-looking names are secrets.
/// </summary>
internal static class TaskEnvironment
{
    public static IReadOnlyDictionary<string, string> Render(TaskDefinition task, VariableScope scope, TemplateEngine templates, PlaySecrets secrets, Action<string> onRead)
    {
        var levels = task.Chain().Prepend<TaskOptions>(task.Play).Where(o => o.Environment is not null).ToList();
        if (levels.Count == 0)
        {
            return EmptyEnvironment;
        }

        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var level in levels)
        {
            var rendered = templates.Render(level.Environment, scope, level.EnvironmentLocation, onRead);
            if (rendered is not Dictionary<string, object?> values)
            {
                throw new UserInputException($"'environment' must give a mapping, but gives {PlainData.TypeName(rendered)}", level.EnvironmentLocation);
            }

            secrets.AddVariables(values);
            foreach (var (name, value) in values)
            {
                if (!EnvironmentKeyword.IsValidName(name))
                {
                    throw new UserInputException(EnvironmentKeyword.InvalidName(name), level.EnvironmentLocation);
                }

                merged[name] = PlainData.ToText(value is null ? "None" : value);
            }
        }

        return merged;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
}
