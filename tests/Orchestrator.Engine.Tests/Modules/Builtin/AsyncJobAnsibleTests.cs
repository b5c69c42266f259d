using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Output;
using Orchestrator.Inventory;
using Orchestrator.Testing;
using Orchestrator.Transport;

namespace Orchestrator.Engine.Tests.Modules.Builtin;

/// <summary>
/// <c>async</c>/<c>poll</c> and <c>async_status</c> through the engine (local connection) and ansible-playbook: fire and
/// forget then wait with until, a polled command, and a job killed by its limit print the same values.
/// </summary>
[Trait("Requires", "ansible")]
public sealed class AsyncJobAnsibleTests : IDisposable
{
    private const string Playbook = """
        - hosts: web
          gather_facts: false
          tasks:
            - name: fire
              shell: sleep 1; echo done
              async: 20
              poll: 0
              register: job
            - name: show fire
              debug: {msg: "{{ job.started }}/{{ job.finished }}/{{ job.ansible_job_id is defined }}/{{ job is changed }}"}
            - name: wait
              async_status: {jid: "{{ job.ansible_job_id }}"}
              register: st
              until: st.finished
              retries: 20
              delay: 1
            - name: show wait
              debug: {msg: "{{ st.finished }}/{{ st.rc }}/{{ st.stdout }}"}
            - name: clean
              async_status: {jid: "{{ job.ansible_job_id }}", mode: cleanup}
            - name: polled
              command: echo polled
              async: 10
              poll: 1
              register: p
            - name: show polled
              debug: {msg: "{{ p.rc }}/{{ p.stdout }}/{{ p is changed }}"}
            - name: too slow
              shell: echo started >> {{ marker }}; sleep 6; echo survived >> {{ marker }}
              async: 1
              poll: 1
              register: slow
              ignore_errors: true
            - name: show too slow
              debug: {msg: "{{ slow.failed }}/{{ slow.msg }}"}
        """;

    private readonly TempDirectory _dir = new("engine-async-");

    public AsyncJobAnsibleTests()
    {
        _dir.Write("inventory.ini", "[web]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        _dir.Write("site.yml", Playbook);
        _dir.Write("ansible.cfg", "[defaults]\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FireAndForget_Polled_TimedOut_PrintWhatAnsiblePlaybookPrints()
    {
        // async_status looks for jobs under the real home; the job files must be found where the job wrote them.
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var ansible = await AnsiblePlaybookProcess.ShowMessagesAsync(
            _dir.Path, ["-i", "inventory.ini", "site.yml", "-e", $"marker={_dir.Combine("ansible.marker")}"], new Dictionary<string, string> { ["HOME"] = home });
        var engine = await EngineAsync(_dir.Combine("engine.marker"));
        Assert.Equal(4, ansible.Count);
        Assert.Equal(ansible, engine);
        Assert.Equal(["1/0/True/True"], engine["show fire"]);
        Assert.Equal(["1/0/done"], engine["show wait"]);
        Assert.Equal(["True/async task did not complete within the requested time - 1s"], engine["show too slow"]);

        // The limit killed the job: it never got past its sleep.
        // The job sleeps 6 s against a 1 s limit: margin enough that a loaded machine cannot let either tool's job
        // finish in time (ansible-playbook's own wrapper missed a 3 s sleep on a machine with load 40).
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(["started"], File.ReadAllLines(_dir.Combine("engine.marker")));
    }

    private async Task<Dictionary<string, List<string>>> EngineAsync(string marker)
    {
        var redactor = new SecretRedactor();
        using var connector = new HostConnector(new TransportOptions { Redactor = redactor });
        var events = new RecordingRunOutput();
        var result = await PlaybookRunner.RunAsync(
            new PlaybookRunOptions
            {
                PlaybookPath = _dir.Combine("site.yml"),
                Inventory = InventoryLoader.Load([_dir.Combine("inventory.ini")]),
                Connector = connector,
                Output = events,
                Redactor = redactor,
                ExtraVars = ExtraVariables.Parse([$"marker={marker}"]),
            },
            CancellationToken.None);
        Assert.True(result.ExitCode == 0, string.Join("\n", events.Results.Where(r => r.Outcome == TaskOutcome.Failed).Select(r => $"{r.Task}: {r.Message}")));
        return AnsiblePlaybookProcess.ShowMessages(events);
    }
}
