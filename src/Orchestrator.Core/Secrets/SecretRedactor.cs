using System.Text;

namespace Orchestrator.Core.Secrets;

/// <summary>
/// Replaces every known secret value in a text with <see cref="Secret.Redacted"/>. Output paths
/// (logs, diffs, reports, exception messages) run their text through one of these, so a secret that
/// reached a command's output by accident is still not printed. A value is also known in its usual
/// transformed forms (base64, URL-safe base64, URL-encoded, hex), so <c>{{ pw | b64encode }}</c> is caught too.
/// </summary>
public sealed class SecretRedactor
{
    private readonly List<string> _values = [];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _sorted = true;

    public static SecretRedactor Empty { get; } = new();

    public void Add(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);

        // A lazy secret (an inline vault value) is registered when it is first used, not decrypted for this.
        secret.WhenRevealed(Add);
    }

    public void Add(string value)
    {
        // Very short values would redact ordinary text ("a", "1"); they are still never printed on purpose.
        if (string.IsNullOrEmpty(value) || value.Length < 3)
        {
            return;
        }

        // Thread-safe: vault values decrypted in parallel register here concurrently. Sorting waits for the next
        // Redact, so registering a thousand values costs no thousand sorts.
        lock (_gate)
        {
            foreach (var form in Forms(value))
            {
                if (_known.Add(form))
                {
                    _values.Add(form);
                    _sorted = false;
                }
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
            if (!_sorted)
            {
                // Longest first, so a secret that contains another is replaced whole.
                _values.Sort((a, b) => b.Length.CompareTo(a.Length));
                _sorted = true;
            }

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

    /// <summary>The value and the forms filters and encoders turn it into; forms shorter than 3 characters are left out.</summary>
    internal static IEnumerable<string> Forms(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var base64 = Convert.ToBase64String(bytes);
        var urlSafe = base64.Replace('+', '-').Replace('/', '_');
        string[] forms =
        [
            value,
            base64,
            base64.TrimEnd('='),
            urlSafe,
            urlSafe.TrimEnd('='),
            Uri.EscapeDataString(value),
            System.Net.WebUtility.UrlEncode(value),
            Convert.ToHexStringLower(bytes),
            Convert.ToHexString(bytes),
        ];
        return forms.Where(f => f.Length >= 3).Distinct(StringComparer.Ordinal);
    }
}
