namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>What <see cref="SysctlModule"/> planned: the live value to set and the file text to write (null: leave it), and each change in words.</summary>
internal sealed record SysctlChange(string Name, string? Live, string? FileText, string File, IReadOnlyList<ChangeSummary> Changes)
{
    /// <summary>"would set live: KEY = OLD -> NEW; would set FILE: KEY = NEW".</summary>
    public string Planned => string.Join("; ", Changes.Select(c => c.Planned));

    public string Applied => string.Join("; ", Changes.Select(c => c.Applied));
}
