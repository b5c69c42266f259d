using System.Diagnostics.CodeAnalysis;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>
/// <c>hostvars</c>: every host's variables, rendered lazily in that host's own scope when read.
/// </summary>
internal sealed class HostVarsDictionary(Func<string, VariableScope?> scopeFor, IReadOnlyList<string> hostNames, TemplateEngine templates, SourceLocation location)
    : ReadOnlyVariableDictionary
{
    public override ICollection<string> Keys => hostNames.ToList();

    public override int Count => hostNames.Count;

    public override bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (scopeFor(key) is { } scope)
        {
            value = new ScopeDictionary(scope, templates, location);
            return true;
        }

        value = null;
        return false;
    }

    public override bool ContainsKey(string key) => scopeFor(key) is not null;
}
