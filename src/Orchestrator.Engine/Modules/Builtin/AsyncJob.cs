using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>
/// A command run as an async job, as Ansible does: started detached on the host (its own session, so it outlives the
/// SSH session), its output and exit code kept under the remote user's <c>~/.ansible_async/JID.*</c> (mode 0700
/// directory), and killed with its whole process group when the <c>async</c> limit passes. The command's script and
/// values travel as positional parameters, as everywhere.
/// </summary>
internal static class AsyncJob
{
    // Runs in its own session: starts the job, arms the watchdog, records the exit code atomically when the job ends.
    private const string Supervisor = """
        f=$1; limit=$2; job=$3; shift 3
        printf '%s' "$$" > "$f.pid"
        sh -c "$job" sh "$@" > "$f.out" 2> "$f.err" < /dev/null &
        pid=$!
        trap '' TERM
        watchdog=
        if [ "$limit" -gt 0 ]; then
          ( sleep "$limit"; : > "$f.timeout"; kill -TERM -$$ ) > /dev/null 2>&1 &
          watchdog=$!
        fi
        wait "$pid"; rc=$?
        [ -n "$watchdog" ] && kill "$watchdog" 2> /dev/null
        printf '%s' "$rc" > "$f.rc.tmp" && mv -f -- "$f.rc.tmp" "$f.rc"
        """;

    private const string Start = """
        jid=$1; limit=$2; supervisor=$3; job=$4; shift 4
        dir="$HOME/.ansible_async"
        (umask 077 && mkdir -p -- "$dir") || exit 90
        f="$dir/$jid"
        (umask 077 && : > "$f.out" && : > "$f.err") || exit 91
        if command -v setsid > /dev/null 2>&1; then
          setsid sh -c "$supervisor" sh "$f" "$limit" "$job" "$@" > /dev/null 2>&1 < /dev/null &
        else
          nohup sh -c "$supervisor" sh "$f" "$limit" "$job" "$@" > /dev/null 2>&1 < /dev/null &
        fi
        """;

    private const string Status = """
        f="$HOME/.ansible_async/$1"
        if [ -f "$f.rc" ]; then
          [ -f "$f.timeout" ] && echo timeout || echo finished
        elif [ -f "$f.out" ]; then echo running
        else echo missing
        fi
        """;

    // The job's own output on stdout and stderr, its exit code as ours.
    private const string Output = """
        f="$HOME/.ansible_async/$1"
        cat -- "$f.out"; cat -- "$f.err" >&2
        exit "$(cat -- "$f.rc")"
        """;

    private const string Cleanup = """
        f="$HOME/.ansible_async/$1"
        rm -f -- "$f.out" "$f.err" "$f.rc" "$f.timeout" "$f.rc.tmp" "$f.pid"
        """;

    // The controller gave up waiting: the job's whole process group goes; its files stay for async_status.
    private const string Kill = """
        f="$HOME/.ansible_async/$1"
        [ -f "$f.rc" ] || { : > "$f.timeout"; kill -TERM -"$(cat -- "$f.pid")" 2> /dev/null; }
        :
        """;

    /// <summary>A new job id, in Ansible's form (j + digits . digits).</summary>
    public static string NewId() => $"j{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}.{Environment.ProcessId}";

    /// <summary>True for an id that is safe as a file name (what async_status accepts).</summary>
    public static bool IsValidId(string jid) =>
        jid.Length is > 0 and < 100 && jid[0] != '.' && jid.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Starts <paramref name="command"/> as a job with a time limit; returns its id.</summary>
    public static async Task<string> StartAsync(ModuleContext context, RemoteCommand command, int limitSeconds, CancellationToken cancellationToken)
    {
        var jid = NewId();
        var started = await context.RunAsync(
            RemoteCommand.Script(Start, [jid, limitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), Supervisor, command.CommandText, .. command.Arguments]),
            cancellationToken);
        if (started.ExitCode != 0)
        {
            throw new ModuleException($"could not start the async job (exit {started.ExitCode}): cannot write ~/.ansible_async on the host{(started.Stderr.Length > 0 ? ": " + started.Stderr.Trim() : string.Empty)}");
        }

        return jid;
    }

    /// <summary>running, finished, timeout (finished, killed by the limit) or missing.</summary>
    public static async Task<string> StateAsync(ModuleContext context, string jid, CancellationToken cancellationToken) =>
        (await context.RunAsync(RemoteCommand.Script(Status, jid), cancellationToken)).Stdout.Trim();

    /// <summary>A finished job's output and exit code.</summary>
    public static Task<CommandResult> OutputAsync(ModuleContext context, string jid, CancellationToken cancellationToken) =>
        context.RunAsync(RemoteCommand.Script(Output, jid), cancellationToken);

    public static Task<CommandResult> CleanupAsync(ModuleContext context, string jid, CancellationToken cancellationToken) =>
        context.RunAsync(RemoteCommand.Script(Cleanup, jid), cancellationToken);

    /// <summary><c>poll &gt; 0</c>: waits for the job, checking every poll seconds; null when the limit passed first.</summary>
    public static async Task<CommandResult?> WaitAsync(ModuleContext context, string jid, AsyncSettings settings, CancellationToken cancellationToken)
    {
        var start = context.TimeProvider.GetTimestamp();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(settings.Poll), context.TimeProvider, cancellationToken);
            var state = await StateAsync(context, jid, cancellationToken);
            if (state == "finished")
            {
                var result = await OutputAsync(context, jid, cancellationToken);
                await CleanupAsync(context, jid, cancellationToken);
                return result;
            }

            if (state != "running" || context.TimeProvider.GetElapsedTime(start).TotalSeconds >= settings.Seconds)
            {
                await context.RunAsync(RemoteCommand.Script(Kill, jid), cancellationToken);
                return null;
            }
        }
    }
}
