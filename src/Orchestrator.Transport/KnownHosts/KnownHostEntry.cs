using System.Security.Cryptography;
using System.Text;
using Orchestrator.Transport.SshConfig;

namespace Orchestrator.Transport.KnownHosts;

/// <summary>One line of a known_hosts file: host patterns (plain or hashed), key type and key blob.</summary>
internal sealed class KnownHostEntry
{
    private readonly IReadOnlyList<string> _patterns;

    public KnownHostEntry(string file, int line, KnownHostMarker marker, IReadOnlyList<string> patterns, string keyType, byte[] key)
    {
        File = file;
        Line = line;
        Marker = marker;
        _patterns = patterns;
        KeyType = keyType;
        Key = key;
    }

    public string File { get; }

    public int Line { get; }

    public KnownHostMarker Marker { get; }

    /// <summary>The key type as recorded inside the key blob (e.g. <c>ssh-rsa</c> for every RSA signature algorithm).</summary>
    public string KeyType { get; }

    public byte[] Key { get; }

    public string Location => $"{File}:{Line}";

    public string Fingerprint => HostKeyFingerprint.Sha256(Key);

    public bool IsHashed => _patterns.Any(p => p.StartsWith("|1|", StringComparison.Ordinal));

    /// <summary>Whether this entry applies to <paramref name="hostKeyName"/> (<c>host</c> or <c>[host]:port</c>).</summary>
    public bool Matches(string hostKeyName)
    {
        var matched = false;
        foreach (var pattern in _patterns)
        {
            if (pattern.StartsWith("|1|", StringComparison.Ordinal))
            {
                matched |= HashedMatches(pattern, hostKeyName);
                continue;
            }

            if (pattern.StartsWith('!'))
            {
                if (WildcardPattern.IsMatch(hostKeyName, pattern[1..]))
                {
                    return false;
                }
            }
            else if (WildcardPattern.IsMatch(hostKeyName, pattern))
            {
                matched = true;
            }
        }

        return matched;
    }

    /// <summary>OpenSSH's hashed host names: <c>|1|base64(salt)|base64(HMAC-SHA1(salt, host))</c>.</summary>
    public static string HashHostName(string hostKeyName, byte[] salt)
    {
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(hostKeyName));
        return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}";
    }

    private static bool HashedMatches(string pattern, string hostKeyName)
    {
        var parts = pattern.Split('|');
        // "", "1", salt, hash
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(hostKeyName));
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
