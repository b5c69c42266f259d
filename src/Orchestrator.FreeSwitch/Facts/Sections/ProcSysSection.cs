namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// A one-line file under /proc/sys. bash reads it in one read(); dash reads byte by byte, and those files answer a read
/// at an offset with nothing, so the POSIX variant keeps cat.
/// </summary>
internal abstract class ProcSysSection<T> : FactsSection<T>
{
    /// <summary>The file, e.g. <c>/proc/sys/kernel/hostname</c>.</summary>
    protected abstract string File { get; }

    protected override string Bash => $"v=''; read -r v < {File}; echo \"$v\"";

    protected override string Posix => $"cat {File}";
}
