namespace Orchestrator.FreeSwitch.Esl;

/// <summary>How the scripts talk to the event socket.</summary>
public enum ApiClient
{
    /// <summary>One ESL connection per script from bash (<c>/dev/tcp</c>), fs_cli when bash is missing: one connection for a whole batch.</summary>
    Esl,

    /// <summary>The host's real fs_cli, one process per command.</summary>
    FsCli,
}
