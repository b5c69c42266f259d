using Microsoft.Extensions.Logging;

namespace Orchestrator.Transport.KnownHosts;

/// <summary>Decides whether a presented host key is trusted, per <see cref="HostKeyChecking"/> mode.</summary>
internal sealed class HostKeyVerifier
{
    private readonly KnownHostsStore _store;
    private readonly ILogger _logger;

    public HostKeyVerifier(KnownHostsStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
    }

    /// <summary>Key types recorded for the endpoint, so the client can ask for one of those first (as OpenSSH does).</summary>
    public IReadOnlyList<string> KnownKeyTypes(HostKeyPolicy policy, string host, int port)
    {
        var name = KnownHostsLookup.HostKeyName(host, port);
        return Files(policy)
            .SelectMany(f => f.Entries)
            .Where(e => e.Marker == KnownHostMarker.None && e.Matches(name))
            .Select(e => e.KeyType)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <param name="displayName">How the user knows the host (inventory name, or "bastion (jump host for web1)").</param>
    public HostKeyVerdict Verify(HostKeyPolicy policy, string displayName, string host, int port, byte[] presentedKey)
    {
        var name = KnownHostsLookup.HostKeyName(host, port);
        var keyType = HostKeyFingerprint.KeyTypeOf(presentedKey) ?? "unknown";
        var fingerprint = HostKeyFingerprint.Sha256(presentedKey);
        var lookup = KnownHostsLookup.Find(Files(policy), name, presentedKey);
        var where = $"{displayName} ({name})";
        var fileList = string.Join(", ", policy.AllFiles);

        switch (lookup.Status)
        {
            case HostKeyStatus.Known:
                return new HostKeyVerdict(true, null);
            case HostKeyStatus.Revoked:
                return new HostKeyVerdict(false,
                    $"host key verification failed for {where}: the server presented {keyType} key {fingerprint}, which is marked @revoked at {lookup.Entry!.Location}.");
            case HostKeyStatus.Changed when policy.Mode != HostKeyChecking.Off:
                return new HostKeyVerdict(false,
                    $"host key verification failed for {where}: REMOTE HOST IDENTIFICATION HAS CHANGED. The server presented {keyType} key {fingerprint}, " +
                    $"but {lookup.Entry!.Location} records a different {keyType} key ({lookup.Entry.Fingerprint}). " +
                    $"If the host was really reinstalled, remove the old entry (ssh-keygen -R '{name}' -f {lookup.Entry.File}) and verify the new fingerprint.");
            case HostKeyStatus.OtherTypeKnown when policy.Mode != HostKeyChecking.Off:
                return new HostKeyVerdict(false,
                    $"host key verification failed for {where}: the server presented {keyType} key {fingerprint}, " +
                    $"but known_hosts records only {string.Join("/", lookup.HostEntries.Select(e => e.KeyType).Distinct(StringComparer.Ordinal))} keys for this host " +
                    $"(first at {lookup.Entry!.Location}); the server no longer offers the recorded key type.");
            case HostKeyStatus.Unknown when policy.Mode == HostKeyChecking.Strict:
                return new HostKeyVerdict(false,
                    $"host key verification failed for {where}: the server presented {keyType} key {fingerprint}, which is not in {fileList}. " +
                    "Verify the fingerprint out of band and add the key (ssh-keyscan), or run with --host-key-checking accept-new.");
            case HostKeyStatus.Unknown when policy.Mode == HostKeyChecking.AcceptNew:
                if (policy.UserFiles.Count == 0)
                {
                    return new HostKeyVerdict(false, $"host key verification failed for {where}: accept-new needs a user known_hosts file to record the key in.");
                }

                var file = policy.UserFiles[0];
                var line = _store.Append(file, name, keyType, presentedKey, policy.HashNewEntries);
                _logger.LogWarning("Permanently added {Host} {KeyType} key {Fingerprint} to {File}:{Line} (accept-new).", name, keyType, fingerprint, file, line);
                return new HostKeyVerdict(true, null);
            case HostKeyStatus.Changed or HostKeyStatus.OtherTypeKnown:
                // Off, but known_hosts says otherwise: trusted for keys only (the caller withholds passwords).
                return new HostKeyVerdict(true, null,
                    $"the server presented {keyType} key {fingerprint}, but {lookup.Entry!.Location} records a different {lookup.Entry.KeyType} key ({lookup.Entry.Fingerprint})");
            default:
                // Off: trusted without a match; the run-level warning was already printed.
                _logger.LogDebug("Host key checking is off: accepting {KeyType} key {Fingerprint} for {Host}.", keyType, fingerprint, name);
                return new HostKeyVerdict(true, null);
        }
    }

    private List<KnownHostsFile> Files(HostKeyPolicy policy) => policy.AllFiles.Select(_store.Get).ToList();
}
