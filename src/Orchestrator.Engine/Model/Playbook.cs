namespace Orchestrator.Engine.Model;

/// <summary>A loaded, validated playbook: a list of plays.</summary>
internal sealed class Playbook(string path, IReadOnlyList<Play> plays)
{
    public string Path { get; } = path;

    public string Directory { get; } = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";

    public IReadOnlyList<Play> Plays { get; } = plays;
}
