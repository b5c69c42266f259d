using Orchestrator.Testing;

namespace Orchestrator.Inventory.Tests.Differential;

/// <summary>
/// One inventory of the scripts-and-constructed differential suite: its files (a name ending in <c>*</c> is
/// written executable, without the star), the <c>-i</c> sources and extra arguments, and, for an inventory
/// both tools must refuse, what each one's message holds (Ansible only warns "Unable to parse").
/// </summary>
public sealed record DynamicCase(
    string Name,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string>? ExtraArguments = null,
    string? OurError = null,
    string? AnsibleError = null)
{
    public bool IsError => OurError is not null;

    public IEnumerable<string> SourceArguments => Sources.SelectMany(s => new[] { "-i", s }).Concat(ExtraArguments ?? []);

    public override string ToString() => Name;

    public void Materialize(TempDirectory directory)
    {
        foreach (var (name, content) in Files)
        {
            var executable = name.EndsWith('*');
            var path = directory.Write(executable ? name[..^1] : name, content);
            if (executable && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }
    }
}
