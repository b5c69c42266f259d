using System.Net;
using Orchestrator.Core.Shell;
using Orchestrator.Lab.Capture;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Setup;

/// <summary>The simulated FreeSWITCH in a host: its capture sockets, and forcing a collision.</summary>
internal static class FreeSwitchService
{
    /// <summary>The host's capture sockets as <c>ss -uanp</c> shows them (run inside the host).</summary>
    public static async Task<IReadOnlyList<CaptureSocket>> CaptureSocketsAsync(HostState host, IPEndPoint captureServer, CancellationToken cancellationToken)
    {
        var r = await HostNamespaces.ExecAsync(host, "ss -H -u -a -n -p", cancellationToken);
        if (!r.Succeeded)
        {
            throw new LabException($"ss on {host.Name} failed: {r.Stderr.Trim()}");
        }

        return CaptureSocket.Parse(r.Stdout, captureServer);
    }

    /// <summary>The same, read from /proc without running anything (for polling): empty when FreeSWITCH is not running.</summary>
    public static IReadOnlyList<CaptureSocket> CaptureSocketsFromProc(LabLayout layout, HostState host, IPEndPoint captureServer)
    {
        var pidFile = Path.Combine(layout.HostRun(host.Name), "freeswitch", "freeswitch.pid");
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) ? ProcNetUdp.CaptureSockets(pid, captureServer) : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Polls until the host has <paramref name="expected"/> capture sockets (capture changes are asynchronous).</summary>
    public static async Task<IReadOnlyList<CaptureSocket>> WaitForCaptureSocketsAsync(
        LabLayout layout, HostState host, IPEndPoint captureServer, int expected, TimeProvider time, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var began = time.GetTimestamp();
        while (true)
        {
            var sockets = CaptureSocketsFromProc(layout, host, captureServer);
            if (sockets.Count == expected)
            {
                return sockets;
            }

            if (time.GetElapsedTime(began) > (timeout ?? TimeSpan.FromSeconds(15)))
            {
                throw new LabException($"{host.Name} has {sockets.Count} capture sockets to {captureServer}, expected {expected}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    /// <summary>Runs each command with <c>fs_cli -x</c> inside the host, in order, stopping at the first failure.</summary>
    public static async Task FsCliAsync(HostState host, CancellationToken cancellationToken, params string[] commands)
    {
        var script = string.Join(" && ", commands.Select(c => $"fs_cli -x {ShellQuote.Quote(c)}"));
        var r = await HostNamespaces.ExecAsync(host, script, cancellationToken);
        if (!r.Succeeded)
        {
            throw new LabException($"fs_cli on {host.Name} failed ({string.Join("; ", commands)}): {(r.Stderr + r.Stdout).Trim()}");
        }
    }

    /// <summary>
    /// Turns capture off and on again on the internal and external profiles (fs_cli, as an operator would)
    /// until at least one capture socket sits on an even port inside the RTP range. The kernel picks the ports
    /// at random; this only retries until chance puts one there.
    /// </summary>
    public static async Task<IReadOnlyList<CaptureSocket>> ForceCollisionAsync(
        LabLayout layout, HostState host, IPEndPoint captureServer, int rtpStart, int rtpEnd, TimeProvider time, CancellationToken cancellationToken, int maxAttempts = 200)
    {
        var sockets = await WaitForCaptureSocketsAsync(layout, host, captureServer, 2, time, cancellationToken);
        for (var attempt = 0; !sockets.Any(s => s.CollidesWith(rtpStart, rtpEnd)); attempt++)
        {
            if (attempt == maxAttempts)
            {
                throw new LabException(
                    $"{host.Name}: no capture port landed on an even port in {rtpStart}-{rtpEnd} after {maxAttempts} capture off/on cycles " +
                    $"(last: {string.Join(", ", sockets.Select(s => s.Local.Port))}); is the ephemeral range overlapping the RTP range?");
            }

            await FsCliAsync(host, cancellationToken, "sofia profile internal capture off", "sofia profile external capture off");
            await WaitForCaptureSocketsAsync(layout, host, captureServer, 0, time, cancellationToken);
            await FsCliAsync(host, cancellationToken, "sofia profile internal capture on", "sofia profile external capture on");
            sockets = await WaitForCaptureSocketsAsync(layout, host, captureServer, 2, time, cancellationToken);
        }

        return sockets;
    }
}
