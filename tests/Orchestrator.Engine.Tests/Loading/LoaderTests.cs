using Orchestrator.Core.Errors;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Loading;

public sealed class LoaderTests
{
    public static TheoryData<string, string, string> Malformed => new()
    {
        { "- hosts: all\n  tasks:\n    - name: x\n      commnd: ls\n", "4:7", "'commnd' is neither a task keyword nor a known module" },
        { "- hosts: all\n  taks:\n    - debug: msg=x\n", "2:3", "unknown play keyword 'taks'" },
        { "- hosts: all\n  tasks:\n    - name: two\n      command: ls\n      shell: ls\n", "5:7", "exactly one module" },
        { "- hosts: all\n  tasks:\n    - name: none\n      when: true\n", "3:7", "needs a module" },
        { "- hosts: all\n  tasks:\n    - service: {name: x, state: started, enabled: maybe}\n", "3:51", "argument 'enabled' must be a boolean" },
        { "- hosts: all\n  tasks:\n    - template: {src: a, dest: b, colour: red}\n", "3:43", "has no argument 'colour'" },
        { "- hosts: all\n  tasks:\n    - template: {src: a}\n", "3:7", "needs argument 'dest'" },
        { "- hosts: all\n  tasks:\n    - debug: msg=x\n      when: a ==\n", "4:13", "bad expression" },
        { "- hosts: all\n  tasks:\n    - debug:\n        msg: \"{{ x | frobnicate }}\"\n", "4:14", "unknown filter 'frobnicate'" },
        { "- hosts: all\n  vars_files: [missing.yml]\n  tasks: []\n", "2:16", "vars file 'missing.yml' does not exist" },
        { "- hosts: all\n  tasks:\n    - command: ls\n      notify: nobody\n", "3:7", "notifies 'nobody', but no handler" },
        { "- hosts: all\n  hosts: web\n", "2:3", "duplicate key 'hosts'" },
        { "- hosts: all\n  tasks:\n    - debug: msg=x\n      loop: 5\n", "4:13", "'loop' must be a list" },
        { "- hosts: all\n  serial: [1, lots]\n", "2:15", "'serial' entries" },
        { "- hosts: all\n  tasks:\n  - debug: {msg: x\n", "4:1", "YAML syntax error" },
        { "hosts: all\n", "1:1", "a playbook must be a list of plays" },
        { "- hosts: all\n  tasks:\n    - import_tasks: other.yml\n", "3:21", "the task file 'other.yml' was not found (looked at " },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void SyntaxCheck_MalformedPlaybook_ErrorHasFileLineColumn(string playbook, string lineColumn, string message)
    {
        using var h = new EngineHarness("h1");
        var options = h.Options(playbook);
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{options.PlaybookPath}:{lineColumn}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedPlaybook_TouchesNoHost()
    {
        using var h = new EngineHarness("h1");
        await Assert.ThrowsAsync<UserInputException>(() =>
            h.RunAsync("- hosts: all\n  tasks:\n    - command: ls\n    - template: {src: a, dest: b, colour: red}\n"));
        Assert.Empty(h.Connector.Connects);
    }

    [Fact]
    public void ListTasksHostsTags_PrintLikeAnsible()
    {
        using var h = new EngineHarness("h1", "h2");
        var options = h.Options("""
            - name: Configure
              hosts: all
              tags: [conf]
              tasks:
                - name: one
                  debug: msg=1
                  tags: [a]
                - block:
                    - name: two
                      debug: msg=2
                  tags: b
            """);
        var tasks = PlaybookRunner.ListTasks(options);
        Assert.Contains("  play #1 (all): Configure\tTAGS: [conf]", tasks, StringComparison.Ordinal);
        Assert.Contains("      one\tTAGS: [a,conf]", tasks, StringComparison.Ordinal);
        Assert.Contains("      two\tTAGS: [b,conf]", tasks, StringComparison.Ordinal);
        var hosts = PlaybookRunner.ListHosts(options);
        Assert.Contains("    hosts (2):\n      h1\n      h2\n", hosts, StringComparison.Ordinal);
        Assert.Contains("TASK TAGS: [a, b, conf]", PlaybookRunner.ListTags(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml11Scalars_ReadLikePyYaml()
    {
        var node = Orchestrator.Engine.Loading.YamlData.Load("a: yes\nb: 0644\nc: '0644'\nd: 1.5\ne: ~\nf: on\ng: 0x1F\n", "x.yml")!;
        var data = (Dictionary<string, object?>)Orchestrator.Engine.Loading.YamlData.ToPlain(node, "x.yml")!;
        Assert.Equal(true, data["a"]);
        Assert.Equal(420L, data["b"]);
        Assert.Equal("0644", data["c"]);
        Assert.Equal(1.5, data["d"]);
        Assert.Null(data["e"]);
        Assert.Equal(true, data["f"]);
        Assert.Equal(31L, data["g"]);
    }
}
