namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>
/// What lookups reach on the controller for the task being evaluated: the file search (the same function modules use,
/// so role directories apply alike), the directories searched, the playbook's directory and the run's warnings.
/// Set for the duration of a task (an async-local value: parallel hosts each see their own).
/// </summary>
/// <param name="resolveLocalPath">Finds a file by name under a subdirectory (files, templates, vars) of the search path; throws naming the paths tried.</param>
/// <param name="searchDirectories">The directories searched for a subdirectory, in order (fileglob globs in them).</param>
internal sealed class LookupHost(Func<string, string, string> resolveLocalPath, Func<string, IReadOnlyList<string>> searchDirectories, string baseDirectory, Action<string> warn)
{
    private static readonly AsyncLocal<LookupHost?> Ambient = new();

    /// <summary>Outside a task (play-level templates): paths relative to the working directory.</summary>
    private static readonly LookupHost Default = new(
        (path, _) => File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"'{path}' not found (looked at {Path.GetFullPath(path)})"),
        _ => [Directory.GetCurrentDirectory()],
        Directory.GetCurrentDirectory(),
        _ => { });

    public static LookupHost Current => Ambient.Value ?? Default;

    public string BaseDirectory => baseDirectory;

    /// <summary>Makes this host current for the calling async flow (and what it awaits).</summary>
    public void Enter() => Ambient.Value = this;

    public string ResolveLocalPath(string path, string subdirectory) => resolveLocalPath(path, subdirectory);

    public IReadOnlyList<string> SearchDirectories(string subdirectory) => searchDirectories(subdirectory);

    public void Warn(string message) => warn(message);
}
