using System.Globalization;
using Orchestrator.Core.Errors;

namespace Orchestrator.Transport.Settings;

/// <summary>Typed reads of a host's merged inventory variables, with errors that name the host and variable.</summary>
internal sealed class HostVariables
{
    private readonly string _host;
    private readonly IReadOnlyDictionary<string, object?> _variables;

    public HostVariables(string host, IReadOnlyDictionary<string, object?> variables)
    {
        _host = host;
        _variables = variables;
    }

    /// <summary>The first of <paramref name="names"/> that is set (aliases, newest name first).</summary>
    public string? String(params string[] names)
    {
        foreach (var name in names)
        {
            if (_variables.TryGetValue(name, out var value) && value is not null)
            {
                return value switch
                {
                    string s => s,
                    long or int or double => Convert.ToString(value, CultureInfo.InvariantCulture),
                    bool b => b ? "true" : "false",
                    Orchestrator.Core.Secrets.Secret => throw Bad(name, "a plain value, not a secret"),
                    _ => throw Bad(name, "a string"),
                };
            }
        }

        return null;
    }

    public int? Port(string name)
    {
        if (!_variables.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        var port = value switch
        {
            long l => l,
            int i => i,
            string s when long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => -1,
        };
        return port is >= 1 and <= 65535 ? (int)port : throw Bad(name, "a port number from 1 to 65535", value);
    }

    /// <summary>Ansible's boolean reading: true/false, yes/no, on/off, 1/0.</summary>
    public bool? Bool(params string[] names)
    {
        foreach (var name in names)
        {
            if (!_variables.TryGetValue(name, out var value) || value is null)
            {
                continue;
            }

            return value switch
            {
                bool b => b,
                long l when l is 0 or 1 => l == 1,
                string s => s.Trim().ToLowerInvariant() switch
                {
                    "true" or "yes" or "on" or "1" or "y" or "t" => true,
                    "false" or "no" or "off" or "0" or "n" or "f" or "" => false,
                    _ => throw Bad(name, "a boolean (true/false, yes/no)", value),
                },
                _ => throw Bad(name, "a boolean (true/false, yes/no)", value),
            };
        }

        return null;
    }

    /// <summary>A secret value: a <see cref="Secret"/> already, or a plain string wrapped at once.</summary>
    public Orchestrator.Core.Secrets.Secret? Secret(params string[] names)
    {
        foreach (var name in names)
        {
            if (!_variables.TryGetValue(name, out var value) || value is null)
            {
                continue;
            }

            return value switch
            {
                Orchestrator.Core.Secrets.Secret s => s,
                string s => new Orchestrator.Core.Secrets.Secret(s),
                long or int or double => new Orchestrator.Core.Secrets.Secret(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                // Never echo the value: it is a password.
                _ => throw new UserInputException($"host '{_host}': {name} must be a string."),
            };
        }

        return null;
    }

    private UserInputException Bad(string name, string expected, object? found = null) =>
        new(found is null
            ? $"host '{_host}': {name} must be {expected}."
            : $"host '{_host}': {name} must be {expected}; found '{Convert.ToString(found, CultureInfo.InvariantCulture)}'.");
}
