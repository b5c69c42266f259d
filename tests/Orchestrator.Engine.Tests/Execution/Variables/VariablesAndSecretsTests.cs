using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution.Variables;

public sealed class VariablesAndSecretsTests
{
    private static EngineHarness Harness(EngineHarness h)
    {
        h.Write("vars/common.yml", "level: vars_file\nfrom_file: yes\n");
        return h;
    }

    [Theory]
    [InlineData("", "", "", false, false, "inventory")]
    [InlineData("play", "", "", false, false, "play")]
    [InlineData("play", "file", "", false, false, "vars_file")]
    [InlineData("play", "file", "", true, false, "set_fact")]
    [InlineData("play", "file", "block", false, false, "block")]
    [InlineData("play", "file", "task", false, false, "task")]

    // Ansible puts set_fact and register above block and task vars (checked with ansible-playbook 2.14,
    // VariablePrecedenceAnsibleTests); these two rows expected "block" and "task" before.
    [InlineData("play", "file", "block", true, false, "set_fact")]
    [InlineData("play", "file", "task", true, false, "set_fact")]
    [InlineData("play", "file", "task", true, true, "extra")]
    public async Task Precedence_DocumentedOrder(string play, string file, string scope, bool setFact, bool extra, string expected)
    {
        using var h = Harness(EngineHarness.WithInventory("all:\n  hosts:\n    h1:\n      level: inventory\n"));
        var playbook = "- hosts: all\n"
            + (play.Length > 0 ? "  vars:\n    level: play\n" : string.Empty)
            + (file.Length > 0 ? "  vars_files: [vars/common.yml]\n" : string.Empty)
            + "  tasks:\n"
            + (setFact ? "    - set_fact: {level: set_fact}\n" : string.Empty)
            + "    - block:\n"
            + "        - name: show\n          debug: msg=\"{{ level }}\"\n"
            + (scope == "task" ? "          vars: {level: task}\n" : string.Empty)
            + (scope is "block" or "task" ? "      vars: {level: block}\n" : string.Empty);
        var run = await h.RunAsync(playbook, o =>
        {
            if (extra)
            {
                o.ExtraVars["level"] = "extra";
            }
        });
        Assert.Equal(expected, run.Result1("show", "h1").Message);
    }

    [Fact]
    public async Task MagicVariables_AreAvailable()
    {
        using var h = EngineHarness.WithInventory("""
            all:
              children:
                fs:
                  hosts:
                    h1: {port: 1}
                    h2: {port: 2}
            """);
        var run = await h.RunAsync("""
            - hosts: fs
              tasks:
                - name: show
                  debug:
                    msg: "{{ inventory_hostname }} {{ group_names | join(',') }} {{ groups['fs'] | length }} {{ hostvars['h2'].port }} {{ ansible_play_hosts | join(',') }} {{ ansible_check_mode }}"
            """);
        Assert.Equal("h1 fs 2 2 h1,h2 False", run.Result1("show", "h1").Message);
    }

    [Fact]
    public async Task UndefinedVariable_FailsTaskNamingVariableAndLocation()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - name: bad\n      debug: msg=\"{{ nope }}\"\n");
        var result = run.Result1("bad", "h1");
        Assert.Equal(TaskOutcome.Failed, result.Outcome);
        Assert.Contains("undefined variable 'nope'", result.Message, StringComparison.Ordinal);
        Assert.Contains("site.yml:4:", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_NeverAppearInEventsDiffsOrLoopItems()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(
            """
            - hosts: all
              vars:
                esl_password: "S3cret-ESL-pw"
                db_settings: "hidden-by-secret-vars"
              secret_vars: [db_settings]
              tasks:
                - copy: {content: "password={{ esl_password }}\nother={{ db_settings }}\n", dest: /etc/fs.conf}
                - debug: msg="{{ esl_password }}"
                - command: /bin/useradd {{ item.name }}
                  loop:
                    - {name: ann, password: "Loop-item-pw1"}
                - command: /bin/echo {{ esl_password }}
                  register: out
                - debug: var=out
            """,
            o =>
            {
                o.Diff = true;
                o.ExtraVars["api_token"] = "Extra-token-value";
            });
        Assert.Contains("password=S3cret-ESL-pw", h["h1"].Text("/etc/fs.conf"), StringComparison.Ordinal);
        var everything = string.Join("\n", run.Output.Events.Select(e => e switch
        {
            TaskResultEvent r => $"{r.Message}\n{r.Diff}\n{r.Item}\n{Orchestrator.Engine.Templating.PlainData.ToJson(r.Result)}",
            _ => e.ToString(),
        }));
        Assert.DoesNotContain("S3cret-ESL-pw", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-by-secret-vars", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Loop-item-pw1", everything, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetFact_IsVisibleToLaterPlays()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - set_fact: {color: blue}
            - hosts: all
              tasks:
                - name: show
                  debug: msg="{{ color }}"
            """);
        Assert.Equal("blue", run.Result1("show", "h1").Message);
    }

    [Fact]
    public async Task NativeTypes_SingleExpressionKeepsType()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("""
            - hosts: all
              vars:
                ports: [5060, 5080]
              tasks:
                - set_fact:
                    count: "{{ ports | length }}"
                    first: "{{ ports[0] + 1 }}"
                - name: show
                  assert:
                    that:
                      - count == 2
                      - first == 5061
            """);
        Assert.Equal(TaskOutcome.Ok, run.Result1("show", "h1").Outcome);
    }
}
