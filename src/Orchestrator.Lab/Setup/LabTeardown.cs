using System.Text;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Setup;

/// <summary>
/// <c>lab down</c>: from DIR/lab.json alone, stops every process inside the lab's namespaces (by PID),
/// unmounts the namespace files, deletes namespaces, veths and the bridge, and removes what the lab wrote
/// in DIR. Every step tolerates a resource that is already gone, so it is idempotent and finishes the job
/// after a crash at any point of <c>lab up</c>.
/// </summary>
internal static class LabTeardown
{
    public static async Task DownAsync(string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var state = LabState.TryLoad(directory);
        if (state is null)
        {
            return;
        }

        var layout = new LabLayout(directory);
        var hosts = state.Hosts.Concat(state.Homer is null ? [] : [state.Homer]).ToList();

        await KillProcessesAsync(hosts, state.Processes, time, cancellationToken);

        // One umount for every namespace file still mounted, then the private mount that held them.
        var mounted = MountPoints();
        var files = hosts.SelectMany(h => new[] { h.MountNamespaceFile, h.UtsNamespaceFile }).OfType<string>().Where(mounted.Contains).ToList();
        if (files.Count > 0)
        {
            (await ProcessRunner.RunAsync("umount", files, cancellationToken)).EnsureSuccess("umount of the hosts' namespace files");
        }

        await UnmountIfMountedAsync(layout.NamespaceDir, cancellationToken);

        var batch = new StringBuilder();
        foreach (var host in hosts.Where(h => File.Exists(HostNamespaces.NetnsPath(h))))
        {
            batch.Append("netns del ").Append(host.Namespace).Append('\n');
        }

        if (batch.Length > 0)
        {
            // -force: go on past a namespace someone removed meanwhile.
            await ProcessRunner.RunAsync("ip", ["-force", "-batch", "-"], cancellationToken, stdin: batch.ToString());
        }

        foreach (var link in hosts.Select(h => h.Veth).Append(state.Bridge).OfType<string>())
        {
            if (Directory.Exists($"/sys/class/net/{link}"))
            {
                await ProcessRunner.RunAsync("ip", ["link", "del", link], cancellationToken);
            }
        }

        Registry.Remove(state.Name, directory);

        var leftovers = MountsUnder(directory);
        if (leftovers.Count > 0)
        {
            throw new LabException($"lab down: still mounted under {directory}: {string.Join(", ", leftovers)}; not removing its files");
        }

        foreach (var entry in layout.CreatedEntries)
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else if (File.Exists(entry))
            {
                File.Delete(entry);
            }
        }

        File.Delete(layout.StateFile);
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    /// <summary>
    /// Every process whose network or mount namespace is one of the lab's, and every recorded process that is
    /// still the one the lab started: SIGTERM, a grace period, then SIGKILL. Repeats until none is left, since
    /// an sshd may fork a session meanwhile.
    /// </summary>
    private static async Task KillProcessesAsync(IReadOnlyList<HostState> hosts, IReadOnlyList<RecordedProcess> recorded, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var signal = NativeMethods.SigTerm;
        while (true)
        {
            var pids = (await LabProcesses.FindAsync(hosts, cancellationToken)).Select(p => p.Pid)
                .Union(recorded.Where(p => p.IsStillThisProcess()).Select(p => p.Pid))
                .ToList();
            if (pids.Count == 0)
            {
                return;
            }

            if (time.GetElapsedTime(started) > TimeSpan.FromSeconds(5))
            {
                signal = NativeMethods.SigKill;
            }

            if (time.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                throw new LabException($"lab down: processes {string.Join(", ", pids)} survived SIGKILL");
            }

            foreach (var pid in pids)
            {
                NativeMethods.Kill(pid, signal);
            }

            await Procfs.WaitForExitAsync(pids, TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }

    private static async Task UnmountIfMountedAsync(string path, CancellationToken cancellationToken)
    {
        if (MountPoints().Contains(path))
        {
            (await ProcessRunner.RunAsync("umount", [path], cancellationToken)).EnsureSuccess($"umount {path}");
        }
    }

    public static List<string> MountsUnder(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return MountPoints().Where(m => m == directory || m.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The mount points of the caller's mount namespace, from /proc/self/mountinfo (octal escapes decoded).</summary>
    public static HashSet<string> MountPoints()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4)
            {
                result.Add(Unescape(fields[4]));
            }
        }

        return result;
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length)
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
    }
}
