namespace Orchestrator.Transport.KnownHosts;

internal static class KnownHostsLookup
{
    /// <summary>The name OpenSSH looks up: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
    public static string HostKeyName(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    public static HostKeyLookup Find(IEnumerable<KnownHostsFile> files, string hostKeyName, byte[] presentedKey)
    {
        var presentedType = HostKeyFingerprint.KeyTypeOf(presentedKey);
        var hostEntries = new List<KnownHostEntry>();
        KnownHostEntry? revoked = null;
        foreach (var entry in files.SelectMany(f => f.Entries))
        {
            if (!entry.Matches(hostKeyName))
            {
                continue;
            }

            if (entry.Marker == KnownHostMarker.Revoked)
            {
                if (entry.Key.AsSpan().SequenceEqual(presentedKey))
                {
                    revoked ??= entry;
                }

                continue;
            }

            if (entry.Marker == KnownHostMarker.None)
            {
                hostEntries.Add(entry);
            }
        }

        if (revoked is not null)
        {
            return new HostKeyLookup(HostKeyStatus.Revoked, revoked, hostEntries);
        }

        var same = hostEntries.FirstOrDefault(e => e.Key.AsSpan().SequenceEqual(presentedKey));
        if (same is not null)
        {
            return new HostKeyLookup(HostKeyStatus.Known, same, hostEntries);
        }

        var sameType = hostEntries.FirstOrDefault(e => string.Equals(e.KeyType, presentedType, StringComparison.Ordinal));
        if (sameType is not null)
        {
            return new HostKeyLookup(HostKeyStatus.Changed, sameType, hostEntries);
        }

        return hostEntries.Count > 0
            ? new HostKeyLookup(HostKeyStatus.OtherTypeKnown, hostEntries[0], hostEntries)
            : new HostKeyLookup(HostKeyStatus.Unknown, null, hostEntries);
    }
}
