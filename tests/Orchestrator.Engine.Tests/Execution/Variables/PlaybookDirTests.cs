using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Variables;

/// <summary><c>playbook_dir</c>: an imported playbook's plays see the imported playbook's own directory, as in Ansible.</summary>
public sealed class PlaybookDirTests
{
    [Fact]
    public async Task ImportedPlaybook_SeesItsOwnDirectory()
    {
        using var h = new EngineHarness("h1");
        h.Write("plays/inner.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - {name: inner, debug: {msg: \"{{ playbook_dir }}\"}}\n");
        var run = await h.RunAsync("""
            - hosts: all
              gather_facts: false
              tasks:
                - {name: top, debug: {msg: "{{ playbook_dir }}"}}
            - import_playbook: plays/inner.yml
            """);
        Assert.Equal(Path.GetFullPath(h.Directory), run.Result1("top", "h1").Message);
        Assert.Equal(Path.Combine(Path.GetFullPath(h.Directory), "plays"), run.Result1("inner", "h1").Message);
    }
}
