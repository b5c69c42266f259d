using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>What a file looks like on the host: read with one command (stat and sha256 together).</summary>
internal sealed record RemoteFileState(bool Exists, string Type, string? Mode, string? Owner, string? Group, string? Sha256)
{
    public static readonly RemoteFileState Absent = new(false, "absent", null, null, null, null);

    public bool IsDirectory => Type == "directory";

    public bool IsFile => Type is "regular file" or "regular empty file";

    /// <summary>One round trip: type, mode, owner, group and (for regular files) the sha256.</summary>
    public static async Task<RemoteFileState> ProbeAsync(ModuleContext context, string path, CancellationToken cancellationToken)
    {
        context.ReadResource(path);
        const string command =
            "if [ -e \"$1\" ] || [ -L \"$1\" ]; then stat -L -c '%F|%a|%U|%G' -- \"$1\" && if [ -f \"$1\" ]; then sha256sum -- \"$1\" | cut -d' ' -f1; else echo -; fi; else echo ABSENT; fi";
        var result = await context.RunAsync(RemoteCommand.Script(command, path), cancellationToken);
        if (!result.Succeeded)
        {
            throw new ModuleException($"cannot inspect {path}: {result.Stderr.Trim()}");
        }

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] == "ABSENT")
        {
            return Absent;
        }

        var parts = lines[0].Split('|');
        if (parts.Length < 4)
        {
            throw new ModuleException($"cannot inspect {path}: unexpected stat output '{lines[0]}'");
        }

        var mode = parts[1].PadLeft(4, '0');
        var sha = lines.Length > 1 && lines[1] != "-" ? lines[1] : null;
        return new RemoteFileState(true, parts[0], mode, parts[2], parts[3], sha);
    }

    /// <summary>Attribute changes (mode/owner/group) between this state and the wanted values.</summary>
    public List<string> AttributeChanges(string? mode, string? owner, string? group)
    {
        var changes = new List<string>();
        if (mode is not null && !string.Equals(NormalizeMode(mode), Mode is null ? null : NormalizeMode(Mode), StringComparison.Ordinal))
        {
            changes.Add($"mode: {Mode ?? "(new)"} -> {NormalizeMode(mode)}");
        }

        if (owner is not null && owner != Owner)
        {
            changes.Add($"owner: {Owner ?? "(new)"} -> {owner}");
        }

        if (group is not null && group != Group)
        {
            changes.Add($"group: {Group ?? "(new)"} -> {group}");
        }

        return changes;
    }

    public static string NormalizeMode(string mode) => mode.TrimStart('0').PadLeft(3, '0').PadLeft(4, '0');
}
