using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules;

/// <summary>
/// Puts a task's <c>environment</c> in front of a remote script: each value travels as a positional parameter, is
/// exported under its (checked) name, then shifted away, so the script sees its own parameters unchanged and no value
/// is ever parsed by the shell.
/// </summary>
internal static class RemoteEnvironment
{
    public static RemoteCommand Apply(RemoteCommand command, IReadOnlyDictionary<string, string> environment)
    {
        if (environment.Count == 0)
        {
            return command;
        }

        var prefix = new System.Text.StringBuilder();
        var index = 1;
        foreach (var name in environment.Keys)
        {
            prefix.Append("export ").Append(name).Append("=\"${").Append(index++).Append("}\"\n");
        }

        prefix.Append("shift ").Append(environment.Count).Append('\n');
        return command with
        {
            CommandText = prefix + command.CommandText,
            Arguments = [.. environment.Values, .. command.Arguments],
        };
    }
}
