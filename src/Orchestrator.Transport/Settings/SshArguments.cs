using Orchestrator.Core.Errors;
using Orchestrator.Core.Shell;
using Orchestrator.Transport.SshConfig;

namespace Orchestrator.Transport.Settings;

/// <summary>
/// The OpenSSH command-line options inside <c>ansible_ssh_common_args</c> / <c>ansible_ssh_extra_args</c>,
/// turned into ssh_config lines (<c>-o K=V</c>, <c>-J</c>, <c>-p</c>, <c>-l</c>, <c>-i</c>) so they go
/// through the same validation and "first value wins" rules, ahead of the config file as in OpenSSH.
/// Options that do not concern the transport (ControlMaster, -C, -v, ...) are ignored.
/// </summary>
internal sealed class SshArguments
{
    // ssh(1) options that take an argument; the argument is skipped when we do not use the option.
    private const string OptionsWithArgument = "BbcDEeFIiJLlmOopQRSWw";

    public List<SshConfigLine> Lines { get; } = [];

    /// <summary>An <c>-F file</c>, replacing ~/.ssh/config.</summary>
    public string? ConfigFile { get; private set; }

    public static SshArguments Parse(string host, string variable, string? text, SshArguments? into = null)
    {
        var result = into ?? new SshArguments();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        var location = new SourceLocation($"{variable} of host '{host}'", 0, 0);
        List<string> words;
        try
        {
            words = Shlex.Split(text);
        }
        catch (FormatException ex)
        {
            throw new UserInputException($"cannot split '{text}': {ex.Message}.", location);
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length < 2 || word[0] != '-')
            {
                throw new UserInputException($"unexpected '{word}'; expected ssh options such as -o Key=Value or -J bastion.", location);
            }

            // Flags can be bundled (-4Cq); the first one that takes an argument ends the bundle.
            for (var j = 1; j < word.Length; j++)
            {
                var flag = word[j];
                if (!OptionsWithArgument.Contains(flag))
                {
                    continue;
                }

                string argument;
                if (j + 1 < word.Length)
                {
                    argument = word[(j + 1)..];
                }
                else if (i + 1 < words.Count)
                {
                    argument = words[++i];
                }
                else
                {
                    throw new UserInputException($"'-{flag}' needs a value.", location);
                }

                result.Add(flag, argument, location);
                break;
            }
        }

        return result;
    }

    /// <summary>Adds an option given directly (ansible_port, ansible_user, ...), in ssh_config form.</summary>
    public void AddOption(string keyword, string value, SourceLocation location) => AddLine(keyword, [value], location);

    private void Add(char flag, string argument, SourceLocation location)
    {
        switch (flag)
        {
            case 'o':
                var separator = argument.IndexOfAny(['=', ' ', '\t']);
                if (separator <= 0)
                {
                    throw new UserInputException($"'-o {argument}' has no value; expected -o Key=Value.", location);
                }

                var keyword = argument[..separator];
                var value = argument[(separator + 1)..].TrimStart('=', ' ', '\t');
                if (value.Length == 0)
                {
                    throw new UserInputException($"'-o {argument}' has no value; expected -o Key=Value.", location);
                }

                // UserKnownHostsFile and Host take several values separated by spaces.
                AddLine(keyword, value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries), location);
                break;
            case 'J':
                AddLine("proxyjump", [argument], location);
                break;
            case 'p':
                AddLine("port", [argument], location);
                break;
            case 'l':
                AddLine("user", [argument], location);
                break;
            case 'i':
                AddLine("identityfile", [argument], location);
                break;
            case 'F':
                ConfigFile ??= argument;
                break;
        }
    }

    private void AddLine(string keyword, IReadOnlyList<string> args, SourceLocation location)
    {
        var line = new SshConfigLine(keyword.ToLowerInvariant(), args, location);
        if (line.Keyword is "host" or "match" or "include")
        {
            throw new UserInputException($"'{keyword}' cannot be given as an ssh option.", location);
        }

        SshConfigFile.Validate(line);
        Lines.Add(line);
    }
}
