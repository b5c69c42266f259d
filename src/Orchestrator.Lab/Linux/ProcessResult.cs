namespace Orchestrator.Lab.Linux;

/// <summary>The outcome of one external command.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the command and its stderr when it failed; the lab's own steps must not fail silently.</summary>
    public ProcessResult EnsureSuccess(string what)
    {
        if (!Succeeded)
        {
            var detail = string.IsNullOrWhiteSpace(Stderr) ? Stdout.Trim() : Stderr.Trim();
            throw new LabException($"{what} failed (exit {ExitCode}): {detail}");
        }

        return this;
    }
}
