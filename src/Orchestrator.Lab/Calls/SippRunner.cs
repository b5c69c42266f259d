using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Lab.Linux;
using Orchestrator.Lab.State;

namespace Orchestrator.Lab.Calls;

/// <summary>
/// Real SIP calls with sipp's built-in <c>uac</c> scenario, from the controller's address on the lab network
/// to a host's internal profile (port 5060). sipp's own statistics file gives the counts; the host's
/// FreeSWITCH log, read from the offset it had before the calls, gives the bind errors.
/// </summary>
internal static partial class SippRunner
{
    public const int InternalProfilePort = 5060;

    public static async Task<LabCallResult> RunAsync(LabState state, LabLayout layout, HostState host, int count, double rate, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Tools.Find("sipp") is null)
        {
            throw new Core.Errors.UserInputException("`lab calls` needs sipp (Debian package sip-tester), not found on PATH; run scripts/install-deps.sh as root");
        }

        var logPath = layout.FreeSwitchLog(host.Name);
        var offset = File.Exists(logPath) ? new FileInfo(logPath).Length : 0;
        var work = Path.Combine(layout.CallsDir, $"{host.Name}-{time.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var stats = Path.Combine(work, "stats.csv");
        var errors = Path.Combine(work, "errors.log");
        var expected = TimeSpan.FromSeconds(count / rate);
        var started = time.GetTimestamp();
        string[] args =
        [
            "-sn", "uac", $"{host.Address}:{InternalProfilePort}",
            "-i", state.ControllerAddress!,
            "-m", count.ToString(CultureInfo.InvariantCulture),
            "-r", rate.ToString("0.###", CultureInfo.InvariantCulture),
            "-rp", "1000",
            "-nostdin",
            "-trace_stat", "-stf", stats, "-fd", "1",
            "-trace_err", "-error_file", errors,
            "-recv_timeout", "10000",
            "-timeout", $"{(int)expected.TotalSeconds + 60}s",
        ];
        var run = await ProcessRunner.RunAsync("sipp", args, cancellationToken, timeout: expected + TimeSpan.FromSeconds(120), workingDirectory: work);
        if (run.ExitCode is not (0 or 1))
        {
            throw new LabException($"sipp against {host.Name} ({host.Address}:{InternalProfilePort}) exited {run.ExitCode}: {Tail(run.Stderr + run.Stdout)}");
        }

        var (succeeded, failed) = ReadStatistics(stats);
        var rejected = File.Exists(errors) ? Rejected488Pattern().Count(await File.ReadAllTextAsync(errors, cancellationToken)) : 0;

        // The simulator logs the bind error before it answers 488; a short pause still lets a slow writer flush.
        await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        var (bindErrors, codecErrors) = ReadNewLogLines(logPath, offset);
        return new LabCallResult(host.Name, count, succeeded, failed, rejected, bindErrors, codecErrors, run.ExitCode, time.GetElapsedTime(started));
    }

    /// <summary>The last row of sipp's <c>-trace_stat</c> file: cumulative SuccessfulCall and FailedCall.</summary>
    internal static (int Succeeded, int Failed) ReadStatistics(string path)
    {
        if (!File.Exists(path))
        {
            throw new LabException($"sipp wrote no statistics file ({path})");
        }

        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2)
        {
            throw new LabException($"sipp's statistics file {path} has no data row");
        }

        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        int Column(string name)
        {
            var i = Array.IndexOf(header, name);
            return i >= 0 && i < last.Length && int.TryParse(last[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new LabException($"sipp's statistics file {path} has no {name} value");
        }

        return (Column("SuccessfulCall(C)"), Column("FailedCall(C)"));
    }

    internal static (List<string> BindErrors, int CodecErrors) ReadNewLogLines(string logPath, long offset)
    {
        var bind = new List<string>();
        var codec = 0;
        if (!File.Exists(logPath))
        {
            return (bind, codec);
        }

        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        // A rotated (shorter) log is read from its start.
        stream.Position = stream.Length >= offset ? offset : 0;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var m = BindErrorPattern().Match(line);
            if (m.Success)
            {
                bind.Add(m.Groups[1].Value);
            }
            else if (line.Contains("CODEC NEGOTIATION ERROR", StringComparison.Ordinal))
            {
                codec++;
            }
        }

        return (bind, codec);
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }

    [GeneratedRegex(@"\[ERR\] switch_core_media\.c:9648 AUDIO RTP REPORTS ERROR: \[Bind Error! ([^\]]+)\]")]
    private static partial Regex BindErrorPattern();

    [GeneratedRegex(@"SIP/2\.0 488 ")]
    private static partial Regex Rejected488Pattern();
}
