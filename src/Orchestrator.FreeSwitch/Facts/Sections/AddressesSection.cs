namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>addresses</c>: <c>ip -o addr show up</c>; unreadable without ip (the configuration's <c>$${local_ip_v4}</c> would
/// otherwise be guessed as the loopback address, and the RTP IPs with it).
/// </summary>
internal sealed class AddressesSection : FactsSection<LocalAddresses>
{
    public override string Name => "addresses";

    protected override string Bash => "fsrun ip -o addr show up";

    /// <summary>
    /// The first IPv4 (and IPv6, not link-local) address of an interface that is up and not loopback: what local_ip_v4 is
    /// on a host whose FreeSWITCH is not running to ask.
    /// </summary>
    public override SectionResult<LocalAddresses> Parse(string text)
    {
        string? v4 = null, v6 = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "2: eth0    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0\       valid_lft forever ..."
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 4 || f[1] == "lo" || line.Contains(" scope host", StringComparison.Ordinal))
            {
                continue;
            }

            var address = f[3].Split('/')[0];
            if (f[2] == "inet" && v4 is null)
            {
                v4 = address;
            }
            else if (f[2] == "inet6" && v6 is null && !line.Contains(" scope link", StringComparison.Ordinal))
            {
                v6 = address;
            }
        }

        return SectionResult<LocalAddresses>.Read(new LocalAddresses(v4, v6));
    }
}
