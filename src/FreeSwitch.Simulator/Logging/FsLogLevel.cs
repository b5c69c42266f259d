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
