using System.Collections;

namespace Orchestrator.Core.Secrets;

/// <summary>
/// The one way secrets reach a <see cref="SecretRedactor"/> from variables: every <see cref="Secret"/> at any
/// depth, and every value held under a secret-looking name (<see cref="SecretNames"/>). <c>run</c>, <c>exec</c>
/// and <c>sweep</c> feed their inventories through it; the engine feeds rendered values as they appear.
/// </summary>
public static class SecretCollector
{
    /// <summary>Adds a value known to be secret: a string, a <see cref="Secret"/>, or every one inside a list or mapping.</summary>
    public static void AddValue(SecretRedactor redactor, object? value)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        switch (value)
        {
            case string s:
                redactor.Add(s);
                break;
            case Secret secret:
                redactor.Add(secret);
                break;
            case IDictionary<string, object?> map:
                foreach (var v in map.Values)
                {
                    AddValue(redactor, v);
                }

                break;
            case IEnumerable list:
                foreach (var v in list)
                {
                    AddValue(redactor, v);
                }

                break;
        }
    }

    /// <summary>
    /// Adds the secrets among variables: values under a secret name (or one <paramref name="alsoSecret"/> accepts),
    /// whole; elsewhere, only <see cref="Secret"/> values, found at any depth. Values <paramref name="deferred"/>
    /// accepts (a template not rendered yet) are skipped: whoever renders them registers the result.
    /// </summary>
    public static void AddVariables(
        SecretRedactor redactor,
        IEnumerable<KeyValuePair<string, object?>> variables,
        Func<string, bool>? alsoSecret = null,
        Func<object?, bool>? deferred = null)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var (name, value) in variables)
        {
            if (deferred?.Invoke(value) == true)
            {
                continue;
            }

            if (SecretNames.IsSecretName(name) || alsoSecret?.Invoke(name) == true)
            {
                AddValue(redactor, value);
            }
            else
            {
                AddTyped(redactor, value);
            }
        }
    }

    private static void AddTyped(SecretRedactor redactor, object? value)
    {
        switch (value)
        {
            case Secret secret:
                redactor.Add(secret);
                break;
            case string:
                break;
            case IDictionary<string, object?> map:
                AddVariables(redactor, map);
                break;
            case IEnumerable list:
                foreach (var v in list)
                {
                    AddTyped(redactor, v);
                }

                break;
        }
    }
}
