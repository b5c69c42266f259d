using System.Globalization;
using System.Net;

namespace Orchestrator.Lab.Capture;

/// <summary>
/// The same view as <c>ss -uanp</c>, read straight from /proc: the UDP sockets of a process's network
/// namespace (<c>/proc/PID/net/udp</c>, <c>udp6</c>) that the process owns (its fds link to
/// <c>socket:[inode]</c>). No program runs, so the lab can poll fifty hosts cheaply.
/// </summary>
internal static class ProcNetUdp
{
    private const string Established = "01";

    public static IReadOnlyList<CaptureSocket> CaptureSockets(int pid, IPEndPoint captureServer)
    {
        var owned = OwnedSocketInodes(pid);
        if (owned.Count == 0)
        {
            return [];
        }

        var result = new List<CaptureSocket>();
        foreach (var table in new[] { "udp", "udp6" })
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{pid}/net/{table}");
            }
            catch (IOException)
            {
                continue;
            }

            result.AddRange(Parse(text, owned, captureServer, pid));
        }

        return result.OrderBy(s => s.Local.Port).ToList();
    }

    internal static IEnumerable<CaptureSocket> Parse(string table, IReadOnlySet<string> ownedInodes, IPEndPoint captureServer, int pid)
    {
        foreach (var line in table.Split('\n').Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || f[3] != Established || !ownedInodes.Contains(f[9]))
            {
                continue;
            }

            var local = Endpoint(f[1]);
            var remote = Endpoint(f[2]);
            var remoteV4 = remote.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(remote.Address.MapToIPv4(), remote.Port) : remote;
            if (remoteV4.Equals(captureServer))
            {
                var localV4 = local.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(local.Address.MapToIPv4(), local.Port) : local;
                yield return new CaptureSocket(localV4, remoteV4, pid);
            }
        }
    }

    /// <summary>"0A0AF10A:4E34": the address as the kernel's 32-bit words in host (little-endian) order, then the port.</summary>
    internal static IPEndPoint Endpoint(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var hex = text[..colon];
        var port = int.Parse(text.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            // The kernel prints each 32-bit word of the address as a number in host order: written back in host
            // order, the bytes are the address's bytes again.
            var value = uint.Parse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }

        return new IPEndPoint(new IPAddress(bytes), port);
    }

    private static HashSet<string> OwnedSocketInodes(int pid)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        result.Add(target[8..^1]);
                    }
                }
                catch (IOException)
                {
                    // That fd closed meanwhile.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is gone.
        }

        return result;
    }
}
