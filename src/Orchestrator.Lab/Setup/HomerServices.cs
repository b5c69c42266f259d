using Orchestrator.Core.Shell;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Setup;

/// <summary>
/// homer's two receivers. The capture-server points at homer:9060, where the lab's HEP listener counts and
/// decodes each datagram and relays it unchanged to homer:9061, where sngrep (a real third-party HEP
/// receiver) writes it to a pcap. Two processes cannot share one UDP port without SO_REUSEPORT (which would
/// split the packets between them, not copy them), hence the relay.
/// </summary>
internal static class HomerServices
{
    public const int CapturePort = 9060;
    public const int SngrepPort = 9061;

    public static string CountersPath(LabLayout layout) => Path.Combine(layout.HomerDir, "hep.json");

    public static string PcapPath(LabLayout layout) => Path.Combine(layout.HomerDir, "capture.pcap");

    public static async Task StartAsync(LabState state, LabLayout layout, TimeProvider time, CancellationToken cancellationToken)
    {
        var homer = state.Homer!;
        Directory.CreateDirectory(layout.HomerDir);
        string Q(string s) => ShellQuote.Quote(s);
        var listener = Path.Combine(BinLayer.ProgramsIn(layout), LabPrograms.HepListener);
        var script =
            $"setsid {Q(listener)} --listen {homer.Address}:{CapturePort} --forward {homer.Address}:{SngrepPort} --state {Q(CountersPath(layout))} " +
            $"</dev/null >{Q(Path.Combine(layout.HomerDir, "listener.log"))} 2>&1 &\n" +
            $"setsid sngrep -N -q -L udp:{homer.Address}:{SngrepPort} -O {Q(PcapPath(layout))} " +
            $"</dev/null >{Q(Path.Combine(layout.HomerDir, "sngrep.log"))} 2>&1 &\n";
        var start = await HostNamespaces.ExecAsync(homer, script, cancellationToken);
        if (!start.Succeeded)
        {
            throw new LabException($"starting homer's receivers failed: {start.Stderr.Trim()}");
        }

        // Ready when both sockets are bound.
        var began = time.GetTimestamp();
        while (true)
        {
            var ss = await HostNamespaces.ExecAsync(homer, "ss -H -u -l -n -p", cancellationToken);
            var listening = ss.Stdout.Contains($"{homer.Address}:{CapturePort} ", StringComparison.Ordinal)
                && ss.Stdout.Contains($"{homer.Address}:{SngrepPort} ", StringComparison.Ordinal);
            if (listening)
            {
                RecordProcesses(state, ss.Stdout);
                return;
            }

            if (time.GetElapsedTime(began) > TimeSpan.FromSeconds(20))
            {
                throw new LabException(
                    $"homer's receivers are not listening on udp {homer.Address}:{CapturePort} and :{SngrepPort} after 20 s; " +
                    $"see {layout.HomerDir}/listener.log and sngrep.log");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    /// <summary>Records the receivers' PIDs (from ss's users:(("name",pid=N,fd=M))) so lab down can stop them by PID.</summary>
    private static void RecordProcesses(LabState state, string ss)
    {
        foreach (var match in System.Text.RegularExpressions.Regex.Matches(ss, "\\(\"([^\"]+)\",pid=(\\d+),").Cast<System.Text.RegularExpressions.Match>())
        {
            var pid = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (Procfs.StartTime(pid) is { } started && state.Processes.All(p => p.Pid != pid))
            {
                state.Processes.Add(new RecordedProcess(pid, started, match.Groups[1].Value));
            }
        }

        state.Save();
    }
}
