using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Engine.Execution.Variables;

/// <summary>A read-only mapping that templates read like any dictionary; values are produced on read.</summary>
internal abstract class ReadOnlyVariableDictionary : IDictionary<string, object?>
{
    public object? this[string key]
    {
        get => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
        set => throw new NotSupportedException();
    }

    public abstract ICollection<string> Keys { get; }

    public ICollection<object?> Values => Keys.Select(k => this[k]).ToList();

    public virtual int Count => Keys.Count;

    public bool IsReadOnly => true;

    public abstract bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value);

    public abstract bool ContainsKey(string key);

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
