namespace Orchestrator.Transport.KnownHosts;

/// <param name="Entry">The trusting, conflicting or revoking entry, when there is one.</param>
internal sealed record HostKeyLookup(HostKeyStatus Status, KnownHostEntry? Entry, IReadOnlyList<KnownHostEntry> HostEntries);
