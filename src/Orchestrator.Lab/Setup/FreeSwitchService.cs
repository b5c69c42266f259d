using System.Net;
using Orchestrator.Lab.Capture;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Setup;

/// <summary>The simulated FreeSWITCH in a host: its capture sockets, and forcing a collision.</summary>
internal static class FreeSwitchService
{
    public static async Task<IReadOnlyList<CaptureSocket>> CaptureSocketsAsync(HostState host, IPEndPoint captureServer, CancellationToken cancellationToken)
    {
        var r = await HostNamespaces.ExecAsync(host, "ss -H -u -a -n -p", cancellationToken);
        if (!r.Succeeded)
        {
            throw new LabException($"ss on {host.Name} failed: {r.Stderr.Trim()}");
        }

        return CaptureSocket.Parse(r.Stdout, captureServer);
    }

    /// <summary>Polls until the host has <paramref name="expected"/> capture sockets (capture changes are asynchronous).</summary>
    public static async Task<IReadOnlyList<CaptureSocket>> WaitForCaptureSocketsAsync(
        HostState host, IPEndPoint captureServer, int expected, TimeProvider time, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var began = time.GetTimestamp();
        while (true)
        {
            var sockets = await CaptureSocketsAsync(host, captureServer, cancellationToken);
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

    public static async Task FsCliAsync(HostState host, string command, CancellationToken cancellationToken)
    {
        var r = await HostNamespaces.ExecAsync(host, $"fs_cli -x {ProcessRunner.ShellQuote(command)}", cancellationToken);
        if (!r.Succeeded)
        {
            throw new LabException($"fs_cli -x '{command}' on {host.Name} failed: {(r.Stderr + r.Stdout).Trim()}");
        }
    }

    /// <summary>
    /// Turns capture off and on again on the internal and external profiles (fs_cli, as an operator would)
    /// until at least one capture socket sits on an even port inside the RTP range. The kernel picks the ports
    /// at random; this only retries until chance puts one there.
    /// </summary>
    public static async Task<IReadOnlyList<CaptureSocket>> ForceCollisionAsync(
        HostState host, IPEndPoint captureServer, int rtpStart, int rtpEnd, TimeProvider time, CancellationToken cancellationToken, int maxAttempts = 200)
    {
        var sockets = await WaitForCaptureSocketsAsync(host, captureServer, 2, time, cancellationToken);
        for (var attempt = 0; !sockets.Any(s => s.CollidesWith(rtpStart, rtpEnd)); attempt++)
        {
            if (attempt == maxAttempts)
            {
                throw new LabException(
                    $"{host.Name}: no capture port landed on an even port in {rtpStart}-{rtpEnd} after {maxAttempts} capture off/on cycles " +
                    $"(last: {string.Join(", ", sockets.Select(s => s.Local.Port))}); is the ephemeral range overlapping the RTP range?");
            }

            await FsCliAsync(host, "sofia profile internal capture off", cancellationToken);
            await FsCliAsync(host, "sofia profile external capture off", cancellationToken);
            await WaitForCaptureSocketsAsync(host, captureServer, 0, time, cancellationToken);
            await FsCliAsync(host, "sofia profile internal capture on", cancellationToken);
            await FsCliAsync(host, "sofia profile external capture on", cancellationToken);
            sockets = await WaitForCaptureSocketsAsync(host, captureServer, 2, time, cancellationToken);
        }

        return sockets;
    }
}
