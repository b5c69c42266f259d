using Orchestrator.Core.Configuration;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Spectre.Console;

namespace Orchestrator.Cli.Commands;

/// <summary>ansible.cfg <c>become_ask_pass</c>: the sudo password, asked once on the terminal (Ansible's "BECOME password: ").</summary>
internal static class BecomePasswordPrompt
{
    /// <exception cref="UserInputException">There is no terminal to ask on.</exception>
    public static Secret Ask(AnsibleConfiguration config)
    {
        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            var setting = config[SettingNames.BecomeAskPass];
            throw new UserInputException(
                $"become_ask_pass is set ({setting.Origin.Text}) but there is no terminal to ask on; set ansible_become_password in the inventory (vault-encrypted) instead",
                setting.Origin.Location);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new Secret(console.Prompt(new TextPrompt<string>("BECOME password:").Secret().AllowEmpty()));
    }
}
