namespace Orchestrator.Core.Transport;

/// <summary>A file to write on the host.</summary>
public sealed record FileUpload(string RemotePath, ReadOnlyMemory<byte> Content)
{
    /// <summary>Octal mode such as "0644"; null keeps the old file's mode (or the umask default for a new file).</summary>
    public string? Mode { get; init; }

    /// <summary>Owner; null keeps the old file's owner.</summary>
    public string? Owner { get; init; }

    /// <summary>Group; null keeps the old file's group.</summary>
    public string? Group { get; init; }

    /// <summary>Keep a timestamped copy of the old file next to it, like Ansible's <c>backup: yes</c>.</summary>
    public bool Backup { get; init; }

    public bool Become { get; init; }

    public string? BecomeUser { get; init; }
}
