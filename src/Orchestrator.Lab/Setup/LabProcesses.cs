using System.Globalization;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Setup;

/// <summary>Finds the processes inside a lab's namespaces by comparing /proc/PID/ns/{net,mnt} with the lab's nsfs files.</summary>
internal static class LabProcesses
{
    public static async Task<List<LabProcess>> FindAsync(IReadOnlyList<HostState> hosts, CancellationToken cancellationToken)
    {
        // nsfs inode of every namespace file the lab owns, mapped to the host.
        var files = new List<(string Path, string Kind, string Host)>();
        foreach (var h in hosts)
        {
            files.Add((HostNamespaces.NetnsPath(h), "net", h.Name));
            if (h.MountNamespaceFile is { } m)
            {
                files.Add((m, "mnt", h.Name));
            }
        }

        var mounted = LabTeardown.MountPoints();
        var existing = files.Where(f => mounted.Contains(f.Path)).ToList();
        if (existing.Count == 0)
        {
            return [];
        }

        var stat = await ProcessRunner.RunAsync("stat", ["-L", "-c", "%i", .. existing.Select(f => f.Path)], cancellationToken);
        var inodes = stat.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(inodes.Length, existing.Count); i++)
        {
            owners[$"{existing[i].Kind}:[{inodes[i].Trim()}]"] = existing[i].Host;
        }

        var self = Environment.ProcessId;
        var result = new List<LabProcess>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
            {
                continue;
            }

            string? host = null;
            foreach (var kind in new[] { "net", "mnt" })
            {
                try
                {
                    var target = new FileInfo($"{dir}/ns/{kind}").LinkTarget;
                    if (target is not null && owners.TryGetValue(target, out var h))
                    {
                        host = h;
                        break;
                    }
                }
                catch (IOException)
                {
                    // The process exited meanwhile.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            if (host is not null)
            {
                result.Add(new LabProcess(pid, host, ReadComm(dir), ReadRss(dir)));
            }
        }

        return result;
    }

    private static string ReadComm(string dir)
    {
        try
        {
            var comm = File.ReadAllText($"{dir}/comm").Trim();
            if (comm.Length < 15)
            {
                return comm;
            }

            // The kernel cuts names at 15 characters; argv[0] has the whole one (orchestrator-hep-listener).
            var argv0 = File.ReadAllText($"{dir}/cmdline").Split('\0')[0];
            var name = Path.GetFileName(argv0);
            return name.StartsWith(comm, StringComparison.Ordinal) ? name : comm;
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static long ReadRss(string dir)
    {
        try
        {
            foreach (var line in File.ReadLines($"{dir}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
