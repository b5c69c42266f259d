using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Execution;

public sealed class CheckModeTests
{
    private const string Playbook = """
        - hosts: all
          tasks:
            - name: config
              copy: {content: "port=5060\n", dest: /etc/app.conf, mode: "0640"}
              notify: restart
            - name: migrate
              command: /bin/migrate
            - name: guarded
              command: /bin/init creates=/var/lib/app/ready
            - name: reads config
              lineinfile: {path: /etc/app.conf, line: "debug=0"}
            - name: sysctl
              sysctl: {name: net.ipv4.ip_local_reserved_ports, value: "16384-32768"}
          handlers:
            - name: restart
              service: {name: app, state: restarted}
        """;

    [Fact]
    public async Task Check_PlansWithoutChangingAndReportsUnknownHonestly()
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/etc/app.conf", "port=5080\n");
        h["h1"].AddFile("/var/lib/app/ready", string.Empty);
        h["h1"].Sysctls["net.ipv4.ip_local_reserved_ports"] = "8000";
        var run = await h.RunAsync(Playbook, o =>
        {
            o.Check = true;
            o.Diff = true;
            o.DetailedExitCode = true;
        });

        Assert.Empty(h["h1"].Uploads);
        Assert.Empty(h["h1"].ChangingCommands);
        Assert.Equal("port=5080\n", h["h1"].Text("/etc/app.conf"));
        Assert.Equal("8000", h["h1"].Sysctls["net.ipv4.ip_local_reserved_ports"]);

        Assert.Equal(TaskOutcome.Changed, run.Result1("config", "h1").Outcome);
        Assert.Contains("--- before: /etc/app.conf", run.Result1("config", "h1").Diff, StringComparison.Ordinal);
        Assert.Contains("-port=5080", run.Result1("config", "h1").Diff, StringComparison.Ordinal);
        Assert.Contains("+port=5060", run.Result1("config", "h1").Diff, StringComparison.Ordinal);
        Assert.Contains("mode: 0644 -> 0640", run.Result1("config", "h1").Diff, StringComparison.Ordinal);
        Assert.Equal(TaskOutcome.Unknown, run.Result1("migrate", "h1").Outcome);
        Assert.Equal(TaskOutcome.Ok, run.Result1("guarded", "h1").Outcome);
        Assert.Equal(TaskOutcome.Unknown, run.Result1("reads config", "h1").Outcome);
        Assert.Contains("/etc/app.conf", run.Result1("reads config", "h1").Message, StringComparison.Ordinal);
        Assert.Equal(TaskOutcome.Changed, run.Result1("sysctl", "h1").Outcome);
        Assert.Contains("8000,16384-32768", run.Result1("sysctl", "h1").Diff, StringComparison.Ordinal);
        Assert.Equal(TaskOutcome.Changed, run.Result1("restart", "h1").Outcome);

        Assert.Equal(2, run.Recap("h1").Unknown);
        Assert.Equal(3, run.Recap("h1").Changed);
        Assert.Equal(PlaybookRunner.ExitChangesPending, run.Result.ExitCode);
    }

    [Fact]
    public async Task Check_NothingToChange_ExitsZeroWithDetailedExitCode()
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/etc/app.conf", "port=5060\n", mode: "0640");
        var run = await h.RunAsync(
            "- hosts: all\n  tasks:\n    - copy: {content: \"port=5060\\n\", dest: /etc/app.conf, mode: \"0640\"}\n",
            o =>
            {
                o.Check = true;
                o.DetailedExitCode = true;
            });
        Assert.Equal(0, run.Result.ExitCode);
        Assert.False(run.Result.ChangesPending);
    }

    [Fact]
    public async Task Check_ConditionOnUnknownRegisteredResult_IsUnknownNotSkipped()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(
            """
            - hosts: all
              tasks:
                - command: /bin/version
                  register: version
                - name: upgrade
                  command: /bin/upgrade
                  when: version.stdout == '1.0'
            """,
            o => o.Check = true);
        Assert.Equal(TaskOutcome.Unknown, run.Result1("upgrade", "h1").Outcome);
        Assert.Contains("'version'", run.Result1("upgrade", "h1").Message, StringComparison.Ordinal);
        Assert.Empty(h["h1"].ChangingCommands);
    }

    [Fact]
    public async Task Check_HandlerNotifiedByUnknownTask_IsUnknown()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(
            """
            - hosts: all
              tasks:
                - command: /bin/reconfigure
                  notify: restart
              handlers:
                - name: restart
                  service: {name: app, state: restarted}
            """,
            o => o.Check = true);
        Assert.Equal(TaskOutcome.Unknown, run.Result1("restart", "h1").Outcome);
        Assert.Equal(2, run.Recap("h1").Unknown);
    }

    [Fact]
    public async Task Check_TaskWithCheckModeFalse_RunsForReal()
    {
        using var h = new EngineHarness("h1");
        await h.RunAsync(
            "- hosts: all\n  tasks:\n    - command: /bin/read-only-probe\n      check_mode: false\n",
            o => o.Check = true);
        Assert.Contains(h["h1"].Commands, c => c == "/bin/read-only-probe");
    }

    [Fact]
    public async Task Check_NoLogTask_HidesDiffAndResult()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(
            "- hosts: all\n  tasks:\n    - copy: {content: \"password=hunter2\\n\", dest: /etc/pw}\n      no_log: true\n",
            o =>
            {
                o.Check = true;
                o.Diff = true;
            });
        var result = run.Result1("copy", "h1");
        Assert.Null(result.Diff);
        Assert.Null(result.Result);
        Assert.DoesNotContain("hunter2", result.Message ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SetFactFromUnknownResult_StaysUnknownDownstream()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync(
            """
            - hosts: all
              tasks:
                - command: /bin/version
                  register: version
                - set_fact: {major: "{{ version.stdout | default('0') }}"}
                - name: uses it
                  debug: msg="{{ major }}"
            """,
            o => o.Check = true);
        Assert.Equal(TaskOutcome.Unknown, run.Result1("set_fact", "h1").Outcome);
        Assert.Equal(TaskOutcome.Unknown, run.Result1("uses it", "h1").Outcome);
        Assert.Equal(0, run.Recap("h1").Failed);
    }
}
