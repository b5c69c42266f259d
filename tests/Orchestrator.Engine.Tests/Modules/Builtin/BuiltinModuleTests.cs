using Orchestrator.Engine.Modules.Builtin;
using Orchestrator.Engine.Output;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules.Builtin;

public sealed class BuiltinModuleTests
{
    private static string Vanilla(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "vanilla", name));

    /// <summary>The lines that differ between two texts (everything else must be byte-identical).</summary>
    private static List<(string? Before, string? After)> ChangedLines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var diffs = new List<(string?, string?)>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                i++;
                j++;
            }
            else if (b.Length > a.Length && j < b.Length && (i >= a.Length || a[i] != b[j]) && (j + 1 < b.Length && i < a.Length && a[i] == b[j + 1]))
            {
                diffs.Add((null, b[j++]));
            }
            else
            {
                diffs.Add((i < a.Length ? a[i++] : null, j < b.Length ? b[j++] : null));
            }
        }

        return diffs;
    }

    [Fact]
    public void XmlEditor_VanillaInternalProfile_SetsOnlyTheActiveParam()
    {
        var text = Vanilla("internal.xml");
        var editor = new XmlTextEditor(text);
        var matches = editor.Select("/profile/settings/param[@name='sip-capture']");
        Assert.Single(matches);
        Assert.True(editor.SetAttribute(matches[0], "value", "yes"));
        var result = editor.Result();
        var changed = ChangedLines(text, result);
        Assert.Equal([("    <param name=\"sip-capture\" value=\"no\"/>", "    <param name=\"sip-capture\" value=\"yes\"/>")], changed);
        Assert.Equal(text.Length + 1, result.Length);
    }

    [Fact]
    public void XmlEditor_CommentedOutParam_DoesNotMatchAndIsCreatedNextToSiblings()
    {
        var text = Vanilla("switch.conf.xml");
        var editor = new XmlTextEditor(text);
        var xpath = "/configuration/settings/param[@name='rtp-start-port']";
        Assert.Empty(editor.Select(xpath));
        var created = editor.Create(xpath, new Dictionary<string, string> { ["value"] = "20000" }, null);
        Assert.Equal("<param name=\"rtp-start-port\" value=\"20000\"/>", created);
        var result = editor.Result();
        Assert.Contains("<!-- <param name=\"rtp-start-port\" value=\"16384\"/> -->", result, StringComparison.Ordinal);
        var changed = ChangedLines(text, result);
        Assert.Single(changed);
        Assert.Null(changed[0].Before);
        Assert.Matches("^    <param name=\"rtp-start-port\" value=\"20000\"/>$", changed[0].After);
        Assert.Single(new XmlTextEditor(result).Select(xpath));
    }

    [Fact]
    public void XmlEditor_AlreadySet_NoChange()
    {
        var text = "<a>\n  <b x='1' y=\"2\"/>\n</a>\n";
        var editor = new XmlTextEditor(text);
        Assert.False(editor.SetAttribute(editor.Select("/a/b")[0], "x", "1"));
        Assert.Equal(text, editor.Result());
    }

    [Theory]
    [InlineData("<a>\n\t<b x='1'/>\n</a>\n", "x", "v&<'", "<a>\n\t<b x='v&amp;&lt;&apos;'/>\n</a>\n")]
    [InlineData("<a>\r\n  <b/>\r\n</a>\r\n", "n", "1", "<a>\r\n  <b n=\"1\"/>\r\n</a>\r\n")]
    public void XmlEditor_KeepsQuotingStyleAndLineEndings(string text, string attribute, string value, string expected)
    {
        var editor = new XmlTextEditor(text);
        editor.SetAttribute(editor.Select("/a/b")[0], attribute, value);
        Assert.Equal(expected, editor.Result());
    }

    [Fact]
    public void XmlEditor_SetTextAndRemove()
    {
        var text = "<a>\n  <name>old</name>\n  <gone k=\"v\"/>\n  <c/>\n</a>\n";
        var editor = new XmlTextEditor(text);
        editor.SetText(editor.Select("/a/name")[0], "new");
        editor.Remove(editor.Select("/a/gone")[0]);
        editor.SetText(editor.Select("/a/c")[0], "t");
        Assert.Equal("<a>\n  <name>new</name>\n  <c>t</c>\n</a>\n", editor.Result());
    }

    [Fact]
    public async Task XmlModule_RealRunThenRerun_IsIdempotent()
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/etc/freeswitch/autoload_configs/switch.conf.xml", Vanilla("switch.conf.xml"));
        const string playbook = """
            - hosts: all
              tasks:
                - name: robustness
                  xml:
                    path: /etc/freeswitch/autoload_configs/switch.conf.xml
                    xpath: /configuration/settings/param[@name='rtp-port-usage-robustness']
                    attribute: value
                    value: "true"
            """;
        var first = await h.RunAsync(playbook);
        Assert.Equal(TaskOutcome.Changed, first.Result1("robustness", "h1").Outcome);
        var second = await h.RunAsync(playbook);
        Assert.Equal(TaskOutcome.Ok, second.Result1("robustness", "h1").Outcome);
        Assert.Contains("<param name=\"rtp-port-usage-robustness\" value=\"true\"/>", h["h1"].Text("/etc/freeswitch/autoload_configs/switch.conf.xml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "16384-32768", "16384-32768", "16384-32768")]
    [InlineData("8000,9000-9100", "16384-32768", "8000,9000-9100,16384-32768", "8000,9000-9100,16384-32768")]
    [InlineData("16000-40000", "16384-32768", null, "16000-40000")]
    [InlineData("16384-20000", "20001-32768", "16384-32768", "16384-32768")]
    public async Task Sysctl_ReservedPorts_MergesWithExisting(string live, string wanted, string? expectedLive, string expectedPersisted)
    {
        using var h = new EngineHarness("h1");
        h["h1"].Sysctls["net.ipv4.ip_local_reserved_ports"] = live;
        var run = await h.RunAsync($"- hosts: all\n  tasks:\n    - sysctl: {{name: net.ipv4.ip_local_reserved_ports, value: \"{wanted}\"}}\n");
        Assert.Equal(TaskOutcome.Changed, run.Result1("sysctl", "h1").Outcome);
        Assert.Equal(expectedLive ?? live, h["h1"].Sysctls["net.ipv4.ip_local_reserved_ports"]);
        Assert.Equal(expectedLive is null, !h["h1"].Commands.Any(c => c.StartsWith("sysctl -w", StringComparison.Ordinal)));
        Assert.Equal($"net.ipv4.ip_local_reserved_ports = {expectedPersisted}\n", h["h1"].Text("/etc/sysctl.d/99-orchestrator.conf"));
        var again = await h.RunAsync($"- hosts: all\n  tasks:\n    - sysctl: {{name: net.ipv4.ip_local_reserved_ports, value: \"{wanted}\"}}\n");
        Assert.Equal(TaskOutcome.Ok, again.Result1("sysctl", "h1").Outcome);
    }

    [Fact]
    public async Task Sysctl_ScalarKey_ComparesNormalizedWhitespace()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Sysctls["net.ipv4.ip_local_port_range"] = "32768\t60999";
        h["h1"].AddFile("/etc/sysctl.d/99-orchestrator.conf", "# ours\nnet.ipv4.ip_local_port_range = 32768 60999\n");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - sysctl: {name: net.ipv4.ip_local_port_range, value: \"32768 60999\"}\n");
        Assert.Equal(TaskOutcome.Ok, run.Result1("sysctl", "h1").Outcome);
    }

    [Theory]
    [InlineData("a=1\nb=2\n", "^b=", "b=3", "a=1\nb=3\n")]
    [InlineData("a=1\n", "^b=", "b=3", "a=1\nb=3\n")]
    [InlineData("a=1\nb=3\n", "^b=", "b=3", "a=1\nb=3\n")]
    [InlineData("a=1\r\nb=2\r\n", "^b=", "b=3", "a=1\r\nb=3\r\n")]
    public async Task LineInFile_ReplacesOrAppends(string content, string regexp, string line, string expected)
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/etc/x.conf", content);
        await h.RunAsync($"- hosts: all\n  tasks:\n    - lineinfile: {{path: /etc/x.conf, regexp: '{regexp}', line: '{line}'}}\n");
        Assert.Equal(expected, h["h1"].Text("/etc/x.conf"));
    }

    [Fact]
    public async Task Template_RendersWithVariablesAndValidatesOnTempCopy()
    {
        using var h = new EngineHarness("h1");
        h.Write("templates/vars.xml.j2", "<include>\n  <X-PRE-PROCESS cmd=\"set\" data=\"rtp_start={{ rtp_start_port }}\"/>\n</include>\n");
        h["h1"].Script("^xmllint", rc: 0);
        var run = await h.RunAsync("""
            - hosts: all
              vars: {rtp_start_port: 20000}
              tasks:
                - template:
                    src: vars.xml.j2
                    dest: /etc/freeswitch/vars.xml
                    validate: xmllint --noout %s
                    mode: "0644"
            """);
        Assert.Equal(TaskOutcome.Changed, run.Result1("template", "h1").Outcome);
        Assert.Contains("rtp_start=20000", h["h1"].Text("/etc/freeswitch/vars.xml"), StringComparison.Ordinal);
        var validate = h["h1"].Commands.Single(c => c.StartsWith("xmllint", StringComparison.Ordinal));
        Assert.Matches("^xmllint --noout /tmp/\\.orchestrator-validate-[0-9a-f]+\\.xml$", validate);
    }

    [Fact]
    public async Task Template_ValidationFails_DestinationUntouched()
    {
        using var h = new EngineHarness("h1");
        h.Write("templates/t.xml", "<broken");
        h["h1"].AddFile("/etc/t.xml", "<ok/>");
        h["h1"].Script("^xmllint", rc: 1, stderr: "parser error");
        var run = await h.RunAsync("- hosts: all\n  tasks:\n    - template: {src: t.xml, dest: /etc/t.xml, validate: 'xmllint %s'}\n");
        Assert.Equal(TaskOutcome.Failed, run.Result1("template", "h1").Outcome);
        Assert.Contains("parser error", run.Result1("template", "h1").Message, StringComparison.Ordinal);
        Assert.Equal("<ok/>", h["h1"].Text("/etc/t.xml"));
    }

    [Fact]
    public async Task Service_StartedWhenActive_NoChange_RestartedAlwaysChanges()
    {
        using var h = new EngineHarness("h1");
        h["h1"].Services["freeswitch"] = (true, true);
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - {name: started, service: {name: freeswitch, state: started, enabled: true}}
                - {name: restarted, service: {name: freeswitch, state: restarted}}
            """);
        Assert.Equal(TaskOutcome.Ok, run.Result1("started", "h1").Outcome);
        Assert.Equal(TaskOutcome.Changed, run.Result1("restarted", "h1").Outcome);
    }

    [Fact]
    public async Task WaitFor_PathAndPort()
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/run/fs.pid", "1");
        h["h1"].OpenPorts.Add(5060);
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - {name: pid, wait_for: {path: /run/fs.pid, timeout: 5}}
                - {name: port, wait_for: {port: 5060, timeout: 5}}
                - {name: closed, wait_for: {port: 5080, timeout: 1}}
            """);
        Assert.Equal(TaskOutcome.Ok, run.Result1("pid", "h1").Outcome);
        Assert.Equal(TaskOutcome.Ok, run.Result1("port", "h1").Outcome);
        Assert.Equal(TaskOutcome.Failed, run.Result1("closed", "h1").Outcome);
    }

    [Fact]
    public async Task File_DirectoryAbsentTouch()
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/tmp/old", "x");
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - {name: dir, file: {path: /var/lib/app, state: directory}}
                - {name: gone, file: {path: /tmp/old, state: absent}}
                - {name: gone again, file: {path: /tmp/old, state: absent}}
            """);
        Assert.Equal(TaskOutcome.Changed, run.Result1("dir", "h1").Outcome);
        Assert.Contains("/var/lib/app", h["h1"].Directories);
        Assert.Equal(TaskOutcome.Changed, run.Result1("gone", "h1").Outcome);
        Assert.Equal(TaskOutcome.Ok, run.Result1("gone again", "h1").Outcome);
    }

    [Fact]
    public async Task AssertAndFail()
    {
        using var h = new EngineHarness("h1");
        var run = await h.RunAsync("""
            - hosts: all
              vars: {port: 5060}
              tasks:
                - {name: good, assert: {that: ["port > 1024", "port is number"]}}
                - {name: bad, assert: {that: "port < 1024", fail_msg: "port {{ port }} is not privileged"}, ignore_errors: true}
                - {name: stop, fail: {msg: "stop here"}}
            """);
        Assert.Equal(TaskOutcome.Ok, run.Result1("good", "h1").Outcome);
        Assert.Equal("port 5060 is not privileged", run.Result1("bad", "h1").Message);
        Assert.Equal("stop here", run.Result1("stop", "h1").Message);
    }

    [Fact]
    public async Task Command_CreatesRemovesChdir()
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/opt/done", string.Empty);
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - {name: skipped, command: /bin/setup creates=/opt/done}
                - {name: runs, command: {cmd: "/bin/setup 'a b'", chdir: /opt, removes: /opt/done}}
            """);
        Assert.Equal(TaskOutcome.Ok, run.Result1("skipped", "h1").Outcome);
        Assert.Contains(h["h1"].Commands, c => c == "cd -- /opt || exit\n/bin/setup 'a b'");
    }
}
