using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>
/// The variables a task sees on one host: layers from highest to lowest precedence, the first that has a
/// name wins. <see cref="VariableScopeBuilder"/> decides the order; <see cref="With"/> puts the loop
/// variable or the result being judged on top.
/// </summary>
internal sealed class VariableScope(IReadOnlyList<VariableLayer> highestFirst) : IVariableSource
{
    public IReadOnlyList<VariableLayer> Layers => highestFirst;

    public bool TryGet(string name, out object? value, out bool templatable)
    {
        foreach (var layer in highestFirst)
        {
            if (layer.Values.TryGetValue(name, out value))
            {
                templatable = layer.Templatable;
                return true;
            }
        }

        value = null;
        templatable = false;
        return false;
    }

    /// <summary>
    /// A scope with one more layer on top of everything, extra and magic variables included: the loop variable
    /// (Ansible's task executor sets it over all task variables) or the result judged by changed_when/until.
    /// </summary>
    public VariableScope With(IReadOnlyDictionary<string, object?> values, bool templatable = false) =>
        new([new VariableLayer(values, templatable), .. highestFirst]);

    public IEnumerable<string> Names => highestFirst.SelectMany(l => l.Values.Keys).Distinct(StringComparer.Ordinal);
}
