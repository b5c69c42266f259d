namespace FreeSwitch.Simulator.Logging;

/// <summary>FreeSWITCH's log levels, with the names <c>switch_log_level2str()</c> prints.</summary>
internal enum FsLogLevel
{
    Console = 0,
    Alert = 1,
    Crit = 2,
    Err = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}

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
