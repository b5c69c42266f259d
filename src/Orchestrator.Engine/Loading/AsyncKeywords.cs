using Orchestrator.Core.Errors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// <c>async</c>/<c>poll</c>: for command and shell, the commands long restarts use. Other modules refuse them at load
/// time rather than run synchronously behind the user's back (a deliberate difference, see docs/playbooks.md).
/// </summary>
internal static class AsyncKeywords
{
    /// <summary>Ansible's default poll interval (DEFAULT_POLL_INTERVAL), seconds.</summary>
    private const int DefaultPoll = 15;

    private static readonly HashSet<string> AsyncModules = new(["command", "shell"], StringComparer.Ordinal);

    public static void Read(TaskDefinition task, YamlMappingNode map, PlaybookNodes nodes)
    {
        var asyncNode = PlaybookNodes.Child(map, "async");
        var pollNode = PlaybookNodes.Child(map, "poll");
        if (asyncNode is null)
        {
            // poll without async does nothing in Ansible either.
            return;
        }

        if (!AsyncModules.Contains(task.ModuleName))
        {
            throw new UserInputException($"'async' is implemented for command and shell, not for '{task.ModuleName}'; remove 'async' to run it normally", nodes.At(PlaybookNodes.KeyNode(map, "async")!));
        }

        var seconds = nodes.WholeNumber(asyncNode, "async", "a whole number of seconds");
        var poll = pollNode is null ? DefaultPoll : nodes.WholeNumber(pollNode, "poll", "a whole number of seconds");
        task.Async = seconds == 0 ? null : new AsyncSettings(seconds, poll);
    }
}
