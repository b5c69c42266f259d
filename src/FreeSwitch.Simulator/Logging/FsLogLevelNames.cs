namespace FreeSwitch.Simulator.Logging;

/// <summary>The upper-case level names FreeSWITCH writes in its log lines (<c>switch_log_level2str()</c>).</summary>
internal static class FsLogLevelNames
{
    public static string Name(FsLogLevel level) => level switch
    {
        FsLogLevel.Console => "CONSOLE",
        FsLogLevel.Alert => "ALERT",
        FsLogLevel.Crit => "CRIT",
        FsLogLevel.Err => "ERR",
        FsLogLevel.Warning => "WARNING",
        FsLogLevel.Notice => "NOTICE",
        FsLogLevel.Info => "INFO",
        _ => "DEBUG",
    };
}
