using Orchestrator.Testing;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary>
/// vars_prompt without a terminal, through the engine and through ansible-playbook: both take the defaults, and
/// the level sits where Ansible puts it (above play vars, below vars_files and -e).
/// </summary>
[Trait("Requires", "ansible")]
public sealed class VarsPromptAnsibleTests : IDisposable
{
    private const string Playbook = """
        - name: prompts
          hosts: web
          gather_facts: false
          vars: {play_vs_prompt: play, flavour: blue}
          vars_files: [files.yml]
          vars_prompt:
            - {name: play_vs_prompt, prompt: p, default: prompt, private: false}
            - {name: prompt_vs_file, prompt: p, default: prompt, private: false}
            - {name: prompt_vs_extra, prompt: p, default: prompt, private: false}
            - {name: templated_default, prompt: p, default: "{{ flavour }}-1", private: false}
          tasks:
            - {name: show play_vs_prompt, debug: {msg: "{{ play_vs_prompt }}"}}
            - {name: show prompt_vs_file, debug: {msg: "{{ prompt_vs_file }}"}}
            - {name: show prompt_vs_extra, debug: {msg: "{{ prompt_vs_extra }}"}}
            - {name: show templated_default, debug: {msg: "{{ templated_default }}"}}
        """;

    private static readonly string[] ExtraVars = ["prompt_vs_extra=extra"];

    private readonly TempDirectory _dir = new("engine-vars-prompt-");

    public VarsPromptAnsibleTests()
    {
        _dir.Write("inventory.ini", "[web]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        _dir.Write("site.yml", Playbook);
        _dir.Write("files.yml", "prompt_vs_file: file\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Defaults_WithoutATerminal_MatchAnsiblePlaybook()
    {
        var ansible = await PlaybookComparison.AnsibleAsync(_dir, "site.yml", ["inventory.ini"], ExtraVars);
        var engine = await PlaybookComparison.EngineAsync(_dir.Combine("site.yml"), [_dir.Combine("inventory.ini")], ExtraVars);
        Assert.Equal(4, ansible.Count);
        Assert.Equal(ansible, engine);
        Assert.Equal("prompt", engine["show play_vs_prompt"]);
        Assert.Equal("file", engine["show prompt_vs_file"]);
        Assert.Equal("extra", engine["show prompt_vs_extra"]);
        Assert.Equal("blue-1", engine["show templated_default"]);
    }
}
