using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;

namespace Orchestrator.Inventory.Scripts;

/// <summary>
/// Runs an inventory script as Ansible's script plugin does (the path itself with <c>--list</c> or
/// <c>--host NAME</c> as argv, no shell, the current directory and environment inherited), but with its
/// standard input closed, a timeout (the whole process tree is killed), at most
/// <see cref="ReaderLimits.MaxFileBytes"/> of standard output and the first <see cref="MaxStderrBytes"/> of
/// standard error kept.
/// </summary>
internal static class InventoryScriptRunner
{
    public const int MaxStderrBytes = 4096;

    public static ScriptRun Run(string path, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var command = Describe(path, arguments);
        var info = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception("the process did not start");
        }
        catch (Win32Exception ex)
        {
            throw new UserInputException(
                $"found an inventory script that cannot be started ('{command}': {ex.Message}); expected an executable file with a working #! line",
                new SourceLocation(path, 0, 0));
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = ReadAsync(process.StandardOutput.BaseStream, ReaderLimits.MaxFileBytes, stopAtLimit: true);
            var stderr = ReadAsync(process.StandardError.BaseStream, MaxStderrBytes, stopAtLimit: false);
            var all = Task.WhenAll(stdout, stderr, process.WaitForExitAsync());
            var stopwatch = Stopwatch.StartNew();
            // Either everything finishes, or the output overflows first, or time runs out.
            var first = Task.WaitAny([all, stdout], timeout);
            if (first == 1 && stdout.Result.Overflow)
            {
                Kill(process);
                throw new UserInputException(
                    $"found more than {ReaderLimits.MaxFileBytes / (1024 * 1024)} MiB on the standard output of '{command}'; expected at most that much JSON (the readers' limit); the script was stopped",
                    new SourceLocation(path, 0, 0));
            }

            if (first != 0 && !all.Wait(Remaining(timeout, stopwatch)))
            {
                first = -1;
            }

            if (first == -1)
            {
                Kill(process);
                throw new UserInputException(
                    $"found '{command}' still running after {timeout.TotalSeconds:0.###} s; expected it to finish within that time (it was stopped){StderrPart(stderr)}",
                    new SourceLocation(path, 0, 0));
            }

            return new ScriptRun(process.ExitCode, stdout.Result.Bytes, Text(stderr.Result.Bytes));
        }
    }

    /// <summary>The command as one would type it, for messages.</summary>
    public static string Describe(string path, IReadOnlyList<string> arguments) => string.Join(' ', [path, .. arguments]);

    /// <summary>"; its standard error: ..." when there is any, for the end of a message.</summary>
    public static string StderrSuffix(string stderr) =>
        stderr.Trim().Length == 0 ? "" : $"; its standard error: {stderr.Trim()}";

    private static string StderrPart(Task<(byte[] Bytes, bool Overflow)> stderr) =>
        stderr.IsCompletedSuccessfully ? StderrSuffix(Text(stderr.Result.Bytes)) : "";

    private static TimeSpan Remaining(TimeSpan timeout, Stopwatch stopwatch)
    {
        var left = timeout - stopwatch.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    // Reads to the end; past the limit it either stops (stdout: the caller kills the script) or keeps
    // draining without storing (stderr: a chatty script must not block on a full pipe).
    private static async Task<(byte[] Bytes, bool Overflow)> ReadAsync(Stream stream, long limit, bool stopAtLimit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        var overflow = false;
        int read;
        while ((read = await stream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            var room = (int)Math.Max(0, Math.Min(read, limit - buffer.Length));
            buffer.Write(chunk, 0, room);
            if (room < read)
            {
                overflow = true;
                if (stopAtLimit)
                {
                    break;
                }
            }
        }

        return (buffer.ToArray(), overflow);
    }
}
