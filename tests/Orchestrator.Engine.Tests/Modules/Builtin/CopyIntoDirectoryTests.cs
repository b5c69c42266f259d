using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Modules.Builtin;

/// <summary>copy with <c>src</c> into a directory (a dest ending in / or an existing directory) writes dest/&lt;file name&gt;, as in Ansible.</summary>
public sealed class CopyIntoDirectoryTests
{
    [Fact]
    public async Task CopySrc_DestIsADirectory_WritesTheFileInside()
    {
        using var h = new EngineHarness("h1");
        h.Write("files/a.xml", "<a/>\n");
        h.Write("files/b.xml", "<b/>\n");
        h["h1"].Directories.Add("/etc/app");
        var run = await h.RunAsync("""
            - hosts: all
              gather_facts: false
              tasks:
                - {copy: {src: a.xml, dest: /etc/conf/}}
                - {copy: {src: b.xml, dest: /etc/app}}
            """);
        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal("<a/>\n", h["h1"].Text("/etc/conf/a.xml"));
        Assert.Equal("<b/>\n", h["h1"].Text("/etc/app/b.xml"));
    }
}
