using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>
/// Where a controller file named by a task (<c>copy src:</c>, <c>template src:</c>, lookups) is found, in the order
/// of Ansible's <c>DataLoader.path_dwim_relative_stack</c> over <c>Task.get_search_path</c>: for each role around the
/// task, innermost first, ROLE/SUBDIR/NAME and ROLE/NAME; then the task file's directory (SUBDIR/NAME, NAME); then
/// the playbook's directory (SUBDIR/NAME, NAME).
/// </summary>
internal static class LocalFileSearch
{
    /// <summary>The directories searched, in order: the roles around the task (innermost first), the task file's, the playbook's.</summary>
    public static IReadOnlyList<string> Stack(TaskNode task, string playbookDirectory)
    {
        var stack = task.RoleChain.Reverse().Select(r => r.Path).ToList();
        var taskDirectory = Path.GetDirectoryName(Path.GetFullPath(task.Location.File)) ?? playbookDirectory;
        if (!stack.Contains(taskDirectory, StringComparer.Ordinal))
        {
            stack.Add(taskDirectory);
        }

        stack.Add(playbookDirectory);
        return stack.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Each directory of <see cref="Stack"/> with its SUBDIR first (where fileglob and first_found look).</summary>
    public static IReadOnlyList<string> Directories(TaskNode task, string playbookDirectory, string subdirectory) =>
        Stack(task, playbookDirectory).SelectMany(d => new[] { Path.Combine(d, subdirectory), d }).ToList();

    /// <param name="subdirectory"><c>files</c> or <c>templates</c>.</param>
    public static IReadOnlyList<string> Candidates(TaskNode task, string playbookDirectory, string path, string subdirectory)
    {
        // Ansible does not add the subdirectory when the name already starts with it ("files/x.conf").
        var withSubdirectory = path.Split('/')[0] != subdirectory;
        var candidates = new List<string>();
        foreach (var dir in Stack(task, playbookDirectory))
        {
            if (withSubdirectory)
            {
                candidates.Add(Path.Combine(dir, subdirectory, path));
            }

            candidates.Add(Path.Combine(dir, path));
        }

        return candidates.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <exception cref="UserInputException">No candidate is a file; the message lists the paths tried.</exception>
    public static string Resolve(TaskNode task, string playbookDirectory, string path, string subdirectory)
    {
        if (Path.IsPathRooted(path) || path.StartsWith('~'))
        {
            var full = path.StartsWith('~') ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/')) : path;
            return InputPath.FileProblem(full) is { } problem ? throw new UserInputException($"'{path}' {problem} on the controller", task.Location) : full;
        }

        var candidates = Candidates(task, playbookDirectory, path, subdirectory);
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new UserInputException(
                $"'{path}' {(candidates.Any(Directory.Exists) ? InputPath.IsADirectory : "not found")} (looked at {string.Join(", ", candidates)})", task.Location);
    }
}
