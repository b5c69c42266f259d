namespace Orchestrator.Inventory.Python;

/// <summary>Builds a dict with Python's key equality (1, 1.0 and True are one key; the first key's spelling stays).</summary>
internal sealed class PyDictBuilder
{
    private readonly Dictionary<object, string> _keys = [];
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>False when the key is unhashable in Python (a list or a dict).</summary>
    public bool TryAdd(object? key, object? value)
    {
        if (key is System.Collections.IList or System.Collections.IDictionary)
        {
            return false;
        }

        var identity = PyData.KeyIdentity(key);
        if (!_keys.TryGetValue(identity, out var jsonKey))
        {
            jsonKey = PyData.JsonKey(key);
            _keys[identity] = jsonKey;
        }

        _values[jsonKey] = value;
        return true;
    }

    public bool ContainsKey(object? key) => _keys.ContainsKey(PyData.KeyIdentity(key));

    public Dictionary<string, object?> Build() => _values;
}
