using System.Diagnostics.CodeAnalysis;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>A variable scope seen as a read-only dictionary; templated values are rendered on read.</summary>
internal sealed class ScopeDictionary(VariableScope scope, TemplateEngine templates, SourceLocation location) : ReadOnlyVariableDictionary
{
    public override ICollection<string> Keys => scope.Names.ToList();

    public override bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (!scope.TryGet(key, out value, out var templatable))
        {
            return false;
        }

        if (templatable && PlainData.ContainsTemplate(value))
        {
            value = templates.Render(value, scope, location);
        }

        return true;
    }

    public override bool ContainsKey(string key) => scope.TryGet(key, out _, out _);
}
