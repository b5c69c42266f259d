using System.Diagnostics;
using FreeSwitch.Config.Sources;

namespace FreeSwitch.Config.Tests.Preprocessing;

/// <summary>A hostile tree (a managed host's, downloaded by the sweep) ends in an error within a second, never a hang.</summary>
public sealed class PreprocessorLimitsTests
{
    private const string Document = "<document type=\"freeswitch/xml\">\n  <section name=\"configuration\"/>\n</document>\n";

    private static FreeSwitchConfigException LoadFails(InMemoryConfigSource source)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<FreeSwitchConfigException>(() => FreeSwitchConfiguration.Load(source));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        return error;
    }

    [Fact]
    public void Load_FilesIncludingTheirOwnDirectory_StopsAtTheFileReadLimit()
    {
        // Two files that include *.xml of their own directory: 2^100 reads before the recursion limit.
        var source = new InMemoryConfigSource()
            .Add("/etc/freeswitch/freeswitch.xml", "<document type=\"freeswitch/xml\">\n<X-PRE-PROCESS cmd=\"include\" data=\"d/*.xml\"/>\n</document>\n")
            .Add("/etc/freeswitch/d/a.xml", "<X-PRE-PROCESS cmd=\"include\" data=\"*.xml\"/>\n")
            .Add("/etc/freeswitch/d/b.xml", "<X-PRE-PROCESS cmd=\"include\" data=\"*.xml\"/>\n");
        var error = LoadFails(source);
        Assert.Contains($"more than {ConfigReaderLimits.MaxFileReads:N0} file reads", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Location!.Value.Line);
    }

    [Fact]
    public void Load_VariableThatDoublesItself_StopsAtTheLineLimit()
    {
        var sets = string.Concat(Enumerable.Repeat("<X-PRE-PROCESS cmd=\"set\" data=\"a=$${a}$${a}\"/>\n", 40));
        var source = new InMemoryConfigSource().Add("/etc/freeswitch/freeswitch.xml", "<X-PRE-PROCESS cmd=\"set\" data=\"a=xxxxxxxxxxxxxxxx\"/>\n" + sets + Document);
        var error = LoadFails(source);
        Assert.Contains("$${a}", error.Message, StringComparison.Ordinal);

        // Line k + 1 holds 16 * 2^k characters of $${a} and the text around it: past 1 Mi at k = 16, line 17.
        Assert.Equal(17, error.Location!.Value.Line);
    }

    [Fact]
    public void Load_ElementsNestedPastTheDepthLimit_ErrorAtTheElement()
    {
        const int depth = 100_000;
        var text = "<document type=\"freeswitch/xml\">\n" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "\n</document>\n";
        var error = LoadFails(new InMemoryConfigSource().Add("/etc/freeswitch/freeswitch.xml", text));
        Assert.Contains($"nested more than {ConfigReaderLimits.MaxDepth} deep", error.Message, StringComparison.Ordinal);
        Assert.Equal(new ConfigLocation("/etc/freeswitch/freeswitch.xml", 2, (3 * ConfigReaderLimits.MaxDepth) + 1), error.Location);
    }

    [Fact]
    public void Load_NestingAtTheDepthLimit_Reads()
    {
        var depth = ConfigReaderLimits.MaxDepth;
        var text = "<document type=\"freeswitch/xml\">\n" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "\n</document>\n";
        var config = FreeSwitchConfiguration.Load(new InMemoryConfigSource().Add("/etc/freeswitch/freeswitch.xml", text));
        Assert.NotNull(config.Document.Root);
    }
}
