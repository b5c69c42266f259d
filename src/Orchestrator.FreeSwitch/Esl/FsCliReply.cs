using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Esl;

/// <summary>One API command's reply, as fs_cli printed it.</summary>
public sealed record FsCliReply(string Command, string Body, int ExitCode)
{
    /// <summary>fs_cli itself failed (connection or authentication error, not installed): exit code not 0.</summary>
    public bool ClientFailed => ExitCode != 0;

    /// <summary>The API answered <c>-ERR ...</c> (or fs_cli failed).</summary>
    public bool Failed => ClientFailed || FsCliOutputParsers.IsError(Body);
}
