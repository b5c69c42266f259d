using System.Text.RegularExpressions;
using Orchestrator.Engine.Model;
using Orchestrator.Inventory.Patterns;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// <c>--start-at-task</c> as Ansible's PlayIterator matches it: the task's own name or its "role : name" form,
/// each compared exactly or as an fnmatch pattern (so <c>'fs_capture : render*'</c> works).
/// </summary>
internal sealed class StartAtTaskPattern(string pattern)
{
    private readonly Regex _glob = FnMatch.Compile(pattern);

    public string Pattern => pattern;

    public bool Matches(TaskNode task) =>
        (task.Name is { Length: > 0 } name && (name == pattern || _glob.IsMatch(name)))
        || task.DisplayName == pattern
        || _glob.IsMatch(task.DisplayName);
}
