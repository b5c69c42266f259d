using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>
/// Feeds a play's secret values to the run's redactor, through <see cref="SecretCollector"/>: values under
/// secret-looking names (<see cref="SecretNames"/>) or names the play lists in <c>secret_vars</c>, and values of
/// secret module arguments.
/// </summary>
internal sealed class PlaySecrets(SecretRedactor redactor, TemplateEngine templates, Play play)
{
    private readonly HashSet<string> _secretVars = new(play.SecretVars, StringComparer.Ordinal);

    public bool IsSecretName(string name) => SecretNames.IsSecretName(name) || _secretVars.Contains(name);

    /// <summary>A value known to be secret (a secret argument).</summary>
    public void AddValue(object? value) => SecretCollector.AddValue(redactor, value);

    /// <summary>
    /// Variables as they appear (set_fact results, a loop item, a vars file). With <paramref name="deferTemplates"/>,
    /// values still holding a template are left to whoever renders them.
    /// </summary>
    public void AddVariables(IEnumerable<KeyValuePair<string, object?>> variables, bool deferTemplates = false) =>
        SecretCollector.AddVariables(redactor, variables, IsSecretName, deferTemplates ? PlainData.ContainsTemplate : null);

    /// <summary>Renders and adds every secret variable a host's scope holds, so values are hidden before any task prints.</summary>
    public void AddScope(VariableScope scope)
    {
        foreach (var name in scope.Names)
        {
            if (!IsSecretName(name))
            {
                continue;
            }

            try
            {
                if (scope.TryGet(name, out var value, out var templatable))
                {
                    AddValue(templatable ? templates.Render(value, scope, play.Location) : value);
                }
            }
            catch (UserInputException)
            {
                // A secret that cannot be rendered yet is rendered (and registered) when used.
            }
        }
    }
}
