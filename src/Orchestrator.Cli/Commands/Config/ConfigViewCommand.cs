using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;
using Spectre.Console.Cli;

namespace Orchestrator.Cli.Commands.Config;

/// <summary><c>orchestrator config view</c>: the text of the ansible.cfg in use.</summary>
internal sealed class ConfigViewCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var config = CommandConfiguration.Load(Console.Error);
        var path = config.ConfigFile
            ?? throw new UserInputException("no ansible.cfg found; searched $ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg and /etc/ansible/ansible.cfg");
        Console.Out.Write(BoundedFile.ReadAllText(path, "an ansible.cfg file"));
        return 0;
    }
}
