using System.Diagnostics;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;
using Orchestrator.Inventory.Yaml;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Inventory.Tests.Yaml;

public sealed class BoundedYamlParserTests
{
    private static string Bomb(int levels)
    {
        var lines = new List<string> { "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i <= levels; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static YamlStream Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(BoundedYamlParser.Over(text, "f.yml"));
        return stream;
    }

    [Fact]
    public void Load_AtTheDepthLimit_Reads()
    {
        var depth = ReaderLimits.MaxDepth;
        var stream = Load(new string('[', depth) + new string(']', depth));
        Assert.Single(stream.Documents);
    }

    [Fact]
    public void Load_OneLevelPastTheDepthLimit_ErrorAtTheOpeningBracket()
    {
        var depth = ReaderLimits.MaxDepth + 1;
        var error = Assert.Throws<InputLimitException>(() => Load("x: " + new string('[', depth) + new string(']', depth)));
        Assert.Equal(new SourceLocation("f.yml", 1, 3 + ReaderLimits.MaxDepth), error.Location);
        Assert.Contains($"nested more than {ReaderLimits.MaxDepth} deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DeepestNestingOnlyThroughAliases_Refused()
    {
        // Each anchor is 10 deep and holds the previous one: 20 lines, 110 levels of data.
        var lines = new List<string> { "a0: &a0 [[[[[[[[[[1]]]]]]]]]]" };
        for (var i = 1; i <= 10; i++)
        {
            lines.Add($"a{i}: &a{i} [[[[[[[[[[*a{i - 1}]]]]]]]]]]");
        }

        var error = Assert.Throws<InputLimitException>(() => Load(string.Join('\n', lines)));
        Assert.Contains("aliases expanded", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, error.Location!.Value.Line);
    }

    [Fact]
    public void Load_AliasBomb_RefusedAtTheLineThatPassesTheLimit_Quickly()
    {
        // About 10^6 values stand behind a5, 10^5 behind a4: the limit is passed on a5's line, the sixth.
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<InputLimitException>(() => Load(Bomb(9)));
        Assert.Equal(6, error.Location!.Value.Line);
        Assert.Contains("alias bomb", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Load_AliasesBelowTheLimit_Read()
    {
        var stream = Load(Bomb(4));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal(5, root.Children.Count);
    }

    [Fact]
    public void Load_OneLongStringAliasedManyTimes_RefusedByTheTextBudget()
    {
        var text = $"s: &s \"{new string('x', 1_000_000)}\"\nl: [{string.Join(", ", Enumerable.Repeat("*s", 100))}]\n";
        var error = Assert.Throws<InputLimitException>(() => Load(text));
        Assert.Contains("MiB of text", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Location!.Value.Line);
    }

    [Fact]
    public void Load_AliasInsideItsOwnAnchor_Refused()
    {
        var error = Assert.Throws<InputLimitException>(() => Load("x: &a [1, *a]\n"));
        Assert.Equal(new SourceLocation("f.yml", 1, 11), error.Location);
        Assert.Contains("recursive structure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnchorReusedAfterItCloses_Reads()
    {
        var stream = Load("x: &a [1, 2]\ny: [*a, *a]\n");
        Assert.Single(stream.Documents);
    }

    [Theory]
    [InlineData("a: 1\nb: \0\n", 2, 4, "U+0000")]
    [InlineData("a: \u001b[31m\n", 1, 4, "U+001B")]
    [InlineData("a: 1\n  \u007f", 2, 3, "U+007F")]
    public void Over_ControlCharacter_ErrorAtIt(string text, int line, int column, string name)
    {
        var error = Assert.Throws<UserInputException>(() => Load(text));
        Assert.Equal(new SourceLocation("f.yml", line, column), error.Location);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_TabsAndLineBreaks_Allowed()
    {
        var stream = Load("a: \"x\ty\"\r\nb: 2\n");
        Assert.Single(stream.Documents);
    }
}
