namespace Orchestrator.Compliance.Policies;

/// <summary>A loaded policy file: controls and waivers. Build one with <see cref="PolicyLoader"/>.</summary>
public sealed class Policy
{
    internal Policy(string name, string path, string description, IReadOnlyList<Control> controls, IReadOnlyList<Waiver> waivers)
    {
        Name = name;
        Path = path;
        Description = description;
        Controls = controls;
        Waivers = waivers;
    }

    public string Name { get; }

    /// <summary>The file it was read from (full path).</summary>
    public string Path { get; }

    public string Description { get; }

    public IReadOnlyList<Control> Controls { get; }

    public IReadOnlyList<Waiver> Waivers { get; }
}
