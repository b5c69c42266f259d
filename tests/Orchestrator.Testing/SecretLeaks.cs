using System.Text;

namespace Orchestrator.Testing;

/// <summary>Finds a secret, plain or in the forms filters give it (base64, URL-safe base64, hex, URL-encoded), in what a command wrote.</summary>
public static class SecretLeaks
{
    /// <summary>The secret and its transformed forms, written out here independently of the redactor under test.</summary>
    public static IReadOnlyList<string> Forms(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var base64 = Convert.ToBase64String(bytes);
        var urlSafe = base64.Replace('+', '-').Replace('/', '_');
        return new[] { secret, base64, base64.TrimEnd('='), urlSafe, urlSafe.TrimEnd('='), Convert.ToHexStringLower(bytes), Convert.ToHexString(bytes), Uri.EscapeDataString(secret) }
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One line per sink and form found, e.g. <c>json: RXNs...</c>; empty when the secret appears nowhere.</summary>
    public static IReadOnlyList<string> Find(IReadOnlyDictionary<string, string> sinks, string secret)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        var forms = Forms(secret);
        return sinks.SelectMany(sink => forms.Where(f => sink.Value.Contains(f, StringComparison.Ordinal)).Select(f => $"{sink.Key}: {f}")).ToList();
    }
}
