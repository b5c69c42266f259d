using Orchestrator.Transport.Settings;

namespace Orchestrator.Transport.Tests.Settings;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("-o A=1 -o 'B 2'", new[] { "-o", "A=1", "-o", "B 2" })]
    [InlineData("-o \"UserKnownHostsFile=/a b\" -J x", new[] { "-o", "UserKnownHostsFile=/a b", "-J", "x" })]
    [InlineData("a\\ b 'c'\"d\"", new[] { "a b", "cd" })]
    [InlineData("  ", new string[0])]
    public void Split_QuotesAndEscapes(string text, string[] expected) => Assert.Equal(expected, ShellWords.Split(text));

    [Fact]
    public void Split_UnclosedQuote_Throws() => Assert.Throws<FormatException>(() => ShellWords.Split("-o \"x"));
}
