using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.Checks;

/// <summary>The validated parameters of one <c>check:</c> mapping.</summary>
internal sealed class CheckArguments
{
    private readonly Dictionary<string, ArgumentValue> _values;

    public CheckArguments(string controlId, SourceLocation location, Dictionary<string, ArgumentValue> values)
    {
        ControlId = controlId;
        Location = location;
        _values = values;
    }

    public string ControlId { get; }

    /// <summary>Where the <c>check:</c> mapping is.</summary>
    public SourceLocation Location { get; }

    public bool Has(string name) => _values.ContainsKey(name);

    public SourceLocation LocationOf(string name) => _values.TryGetValue(name, out var v) ? v.Location : Location;

    public bool? Bool(string name) => _values.TryGetValue(name, out var v) ? (bool)v.Value : null;

    public long? Integer(string name) => _values.TryGetValue(name, out var v) ? (long)v.Value : null;

    public double? Number(string name) => _values.TryGetValue(name, out var v) ? (double)v.Value : null;

    public string? String(string name) => _values.TryGetValue(name, out var v) ? (string)v.Value : null;

    public Regex? Regex(string name) => _values.TryGetValue(name, out var v) ? (Regex)v.Value : null;

    public IReadOnlyList<string>? StringList(string name) => _values.TryGetValue(name, out var v) ? (IReadOnlyList<string>)v.Value : null;

    public UserInputException Error(string name, string message) => new(message, LocationOf(name));
}
