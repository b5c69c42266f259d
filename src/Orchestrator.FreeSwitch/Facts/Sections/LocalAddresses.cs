namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>The first IPv4 and IPv6 address of an interface that is up: what <c>local_ip_v4</c>/<c>_v6</c> would be.</summary>
internal sealed record LocalAddresses(string? V4, string? V6);
