using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules;

/// <summary>
/// The exact plan message (check mode) and applied message (real run) of every module that changes something.
/// Reports and <c>-o json</c> carry these texts, so they must not drift.
/// </summary>
public sealed class ModuleMessageTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // setup, task, message in check mode, message when applied
        { "file /tmp/old", "file: {path: /tmp/old, state: absent}", "would remove /tmp/old", "remove /tmp/old" },
        { string.Empty, "file: {path: /var/lib/app, state: directory}", "would create directory /var/lib/app", "create directory /var/lib/app" },
        { "dir /var/lib/app", "file: {path: /var/lib/app, state: directory, mode: '0700'}", "would change /var/lib/app", "change /var/lib/app" },
        { "file /tmp/t", "file: {path: /tmp/t, state: touch}", "would touch /tmp/t", "touch /tmp/t" },
        { string.Empty, "file: {path: /tmp/new, state: touch}", "would create /tmp/new", "create /tmp/new" },
        { "file /etc/x", "file: {path: /etc/x, mode: '0600'}", "would change /etc/x", "change /etc/x" },
        { "service nginx stopped", "service: {name: nginx, state: started, enabled: true}", "would start and enable nginx", "start and enable nginx" },
        { "service nginx running", "service: {name: nginx, state: restarted}", "would restart nginx", "restart nginx" },
        {
            "sysctl net.ipv4.ip_local_port_range 32768\t60999",
            "sysctl: {name: net.ipv4.ip_local_port_range, value: '1024 65000'}",
            "would set live: net.ipv4.ip_local_port_range = 32768 60999 -> 1024 65000; would set /etc/sysctl.d/99-orchestrator.conf: net.ipv4.ip_local_port_range = 1024 65000",
            "set live: net.ipv4.ip_local_port_range = 32768 60999 -> 1024 65000; set /etc/sysctl.d/99-orchestrator.conf: net.ipv4.ip_local_port_range = 1024 65000"
        },
        {
            "file /etc/sysctl.d/99-orchestrator.conf net.ipv4.tcp_syncookies = 1",
            "sysctl: {name: net.ipv4.tcp_syncookies, state: absent}",
            "would set /etc/sysctl.d/99-orchestrator.conf: remove net.ipv4.tcp_syncookies",
            "set /etc/sysctl.d/99-orchestrator.conf: remove net.ipv4.tcp_syncookies"
        },
        { "file /etc/x.conf a=1", "lineinfile: {path: /etc/x.conf, regexp: '^a=', line: 'a=2'}", "would replace a line", "replace a line" },
        { "file /etc/x.conf a=1", "lineinfile: {path: /etc/x.conf, line: 'b=2'}", "would add a line", "add a line" },
        { "file /etc/x.conf a=1", "lineinfile: {path: /etc/x.conf, regexp: '^a=', state: absent}", "would remove 1 line(s)", "remove 1 line(s)" },
        { string.Empty, "lineinfile: {path: /etc/x.conf, line: 'b=2', create: true}", "would create the file with the line", "create the file with the line" },
        {
            "file /etc/s.xml <settings><param name=\"a\" value=\"1\"/></settings>",
            "xml: {path: /etc/s.xml, xpath: \"/settings/param[@name='a']\", attribute: value, value: '2'}",
            "would set value=\"2\" on /settings/param[@name='a']",
            "set value=\"2\" on /settings/param[@name='a']"
        },
        {
            "file /etc/s.xml <settings><param name=\"a\" value=\"1\"/></settings>",
            "xml: {path: /etc/s.xml, xpath: \"/settings/param[@name='b']\", attribute: value, value: '2'}",
            "would add <param name=\"b\" value=\"2\"/>",
            "add <param name=\"b\" value=\"2\"/>"
        },
        {
            "file /etc/s.xml <settings><param name=\"a\" value=\"1\"/></settings>",
            "xml: {path: /etc/s.xml, xpath: /settings/param, state: absent}",
            "would remove 1 element(s) matching /settings/param",
            "remove 1 element(s) matching /settings/param"
        },
        {
            "file /etc/s.xml <settings><param name=\"a\" value=\"1\"/></settings>",
            "xml: {path: /etc/s.xml, xpath: /settings/param, attribute: value, state: absent}",
            "would remove attribute value from /settings/param",
            "remove attribute value from /settings/param"
        },
        {
            "file /etc/s.xml <settings><name>a</name></settings>",
            "xml: {path: /etc/s.xml, xpath: /settings/name, value: b}",
            "would set the text of /settings/name",
            "set the text of /settings/name"
        },
        { "file /etc/c hello", "copy: {content: \"hello\\n\", dest: /etc/c, mode: '0600'}", "would change mode of /etc/c", "changed mode of /etc/c" },
        { "file /etc/c old", "copy: {content: hello, dest: /etc/c}", "would update /etc/c", "wrote /etc/c" },
        { string.Empty, "copy: {content: hello, dest: /etc/c}", "would create /etc/c", "wrote /etc/c" },
        { string.Empty, "command: /bin/setup creates=/opt/done", "would run (since /opt/done does not exist): /bin/setup", string.Empty },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Module_CheckThenApply_MessagesAsBefore(string setup, string task, string planned, string applied)
    {
        using var check = Host(setup);
        var checkRun = await check.RunAsync(Playbook(task), o => o.Check = true);
        var checkResult = checkRun.Output.Results.Single();
        Assert.Equal(TaskOutcome.Changed, checkResult.Outcome);
        Assert.Equal(planned, checkResult.Message);

        using var real = Host(setup);
        var realRun = await real.RunAsync(Playbook(task));
        var realResult = realRun.Output.Results.Single();
        Assert.Equal(TaskOutcome.Changed, realResult.Outcome);
        Assert.Equal(applied, realResult.Message);
    }

    [Fact]
    public async Task File_PathContainsWould_AppliedMessageKeepsThePath()
    {
        // Applied messages used to be the plan's text with every "would " deleted, which cut it out of paths too.
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/tmp/would go", "x");
        var run = await h.RunAsync(Playbook("file: {path: '/tmp/would go', state: absent}"));
        Assert.Equal("remove /tmp/would go", run.Output.Results.Single().Message);
    }

    private static string Playbook(string task) => $"- hosts: all\n  tasks:\n    - {task}\n";

    /// <summary>A fake host prepared by one line: "file PATH [CONTENT]", "dir PATH", "service NAME running|stopped" or "sysctl KEY VALUE".</summary>
    private static EngineHarness Host(string setup)
    {
        var harness = new EngineHarness("h1");
        var host = harness["h1"];
        var words = setup.Split(' ', 3);
        switch (words[0])
        {
            case "file":
                host.AddFile(words[1], (words.Length > 2 ? words[2] : "x") + "\n");
                break;
            case "dir":
                host.Directories.Add(words[1]);
                break;
            case "service":
                host.Services[words[1]] = (words[2] == "running", false);
                break;
            case "sysctl":
                host.Sysctls[words[1]] = words[2];
                break;
        }

        return harness;
    }
}
