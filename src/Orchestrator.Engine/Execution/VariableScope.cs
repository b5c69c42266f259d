using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Templating;

namespace Orchestrator.Engine.Execution;

/// <summary>One precedence level of variables.</summary>
internal readonly record struct VariableLayer(IReadOnlyDictionary<string, object?> Values, bool Templatable);

/// <summary>
/// The variables a task sees on one host, as layers from highest to lowest precedence:
/// extra vars, magic vars, loop var, task and block vars, registered and set_fact, vars_files, play vars,
/// facts, inventory. Documented in docs/playbooks.md ("Variable precedence").
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

    /// <summary>A scope with one more layer on top (loop item, the result being judged by changed_when).</summary>
    public VariableScope With(IReadOnlyDictionary<string, object?> values, bool templatable = false) =>
        new([new VariableLayer(values, templatable), .. highestFirst]);

    public IEnumerable<string> Names => highestFirst.SelectMany(l => l.Values.Keys).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// <c>hostvars</c>: every host's variables, rendered lazily in that host's own scope when read.
/// </summary>
internal sealed class HostVarsDictionary(Func<string, VariableScope?> scopeFor, IReadOnlyList<string> hostNames, TemplateEngine templates, SourceLocation location)
    : IDictionary<string, object?>
{
    public object? this[string key]
    {
        get => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
        set => throw new NotSupportedException();
    }

    public ICollection<string> Keys => hostNames.ToList();

    public ICollection<object?> Values => hostNames.Select(h => (object?)this[h]).ToList();

    public int Count => hostNames.Count;

    public bool IsReadOnly => true;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (scopeFor(key) is { } scope)
        {
            value = new ScopeDictionary(scope, templates, location);
            return true;
        }

        value = null;
        return false;
    }

    public bool ContainsKey(string key) => scopeFor(key) is not null;

    public bool Contains(KeyValuePair<string, object?> item) => ContainsKey(item.Key);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        hostNames.Select(h => new KeyValuePair<string, object?>(h, this[h])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(string key, object? value) => throw new NotSupportedException();

    public void Add(KeyValuePair<string, object?> item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => throw new NotSupportedException();

    public bool Remove(string key) => throw new NotSupportedException();

    public bool Remove(KeyValuePair<string, object?> item) => throw new NotSupportedException();
}

/// <summary>A variable scope seen as a read-only dictionary; templated values are rendered on read.</summary>
internal sealed class ScopeDictionary(VariableScope scope, TemplateEngine templates, SourceLocation location) : IDictionary<string, object?>
{
    public object? this[string key]
    {
        get => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
        set => throw new NotSupportedException();
    }

    public ICollection<string> Keys => scope.Names.ToList();

    public ICollection<object?> Values => Keys.Select(k => this[k]).ToList();

    public int Count => Keys.Count;

    public bool IsReadOnly => true;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
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

    public bool ContainsKey(string key) => scope.TryGet(key, out _, out _);

    public bool Contains(KeyValuePair<string, object?> item) => ContainsKey(item.Key);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Keys.Select(k => new KeyValuePair<string, object?>(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(string key, object? value) => throw new NotSupportedException();

    public void Add(KeyValuePair<string, object?> item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => throw new NotSupportedException();

    public bool Remove(string key) => throw new NotSupportedException();

    public bool Remove(KeyValuePair<string, object?> item) => throw new NotSupportedException();
}
