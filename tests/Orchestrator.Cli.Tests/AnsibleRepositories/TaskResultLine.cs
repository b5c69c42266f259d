namespace Orchestrator.Cli.Tests.AnsibleRepositories;

/// <summary>
/// One task result as both tools report it. <see cref="Status"/> is ok, changed, skipped, failed, "failed (ignored)",
/// unreachable, or "included" (an include_tasks/include_role reached on the host; Ansible's recap counts one ok per
/// included file and host, so an include looping over two items adds two).
/// </summary>
public sealed record TaskResultLine(string Task, string Host, string Status)
{
    public override string ToString() => $"{Task} | {Host} | {Status}";
}
