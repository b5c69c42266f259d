namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// A one-line file under /proc/sys. bash reads it in one read(); dash reads byte by byte, and those files answer a read
/// at an offset with nothing, so the POSIX variant keeps cat. A file that is missing or may not be read says so: an
/// empty value (nothing reserved) is not the same as an unread one.
/// </summary>
internal abstract class ProcSysSection<T> : FactsSection<T>
{
    /// <summary>The file, e.g. <c>/proc/sys/kernel/hostname</c>.</summary>
    protected abstract string File { get; }

    protected override string Bash =>
        $"v=''; if [ ! -e {File} ]; then fsunread 'file missing: {File}'; elif {{ read -r v < {File}; }} 2>/dev/null || [ -n \"$v\" ]; then echo \"$v\"; else fsunread 'permission denied: {File}'; fi";

    protected override string Posix => $"if [ -e {File} ]; then fsrun cat {File}; else fsunread 'file missing: {File}'; fi";
}
