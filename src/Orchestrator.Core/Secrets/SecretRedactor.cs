namespace Orchestrator.Core.Secrets;

/// <summary>
/// Replaces every known secret value in a text with <see cref="Secret.Redacted"/>. Output paths
/// (logs, diffs, reports, exception messages) run their text through one of these, so a secret that
/// reached a command's output by accident is still not printed.
/// </summary>
public sealed class SecretRedactor
{
    private readonly List<string> _values = [];
    private readonly Lock _gate = new();

    public static SecretRedactor Empty { get; } = new();

    public void Add(Secret secret) => Add(secret.Reveal());

    public void Add(string value)
    {
        // Very short values would redact ordinary text ("a", "1"); they are still never printed on purpose.
        if (string.IsNullOrEmpty(value) || value.Length < 3)
        {
            return;
        }

        lock (_gate)
        {
            if (!_values.Contains(value, StringComparer.Ordinal))
            {
                _values.Add(value);
                // Longest first, so a secret that contains another is replaced whole.
                _values.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        lock (_gate)
        {
            foreach (var v in _values)
            {
                if (text.Contains(v, StringComparison.Ordinal))
                {
                    text = text.Replace(v, Secret.Redacted, StringComparison.Ordinal);
                }
            }
        }

        return text;
    }
}
