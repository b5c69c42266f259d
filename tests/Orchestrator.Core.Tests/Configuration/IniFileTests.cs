using Orchestrator.Core.Configuration;
using Orchestrator.Core.Errors;

namespace Orchestrator.Core.Tests.Configuration;

public sealed class IniFileTests
{
    [Fact]
    public void Parse_ColonAndEqualsDelimiters_BothRead()
    {
        var file = IniFile.Parse("a.cfg", "[defaults]\nforks = 10\nremote_user: deploy\n");

        Assert.Equal("10", file.Get("defaults", "forks")?.Value);
        Assert.Equal("deploy", file.Get("defaults", "remote_user")?.Value);
    }

    [Fact]
    public void Parse_KeysInAnyCase_LowerCased()
    {
        var file = IniFile.Parse("a.cfg", "[defaults]\nForks = 10\n");

        Assert.Equal("10", file.Get("defaults", "forks")?.Value);
    }

    [Fact]
    public void Parse_SectionNames_CaseSensitive()
    {
        var file = IniFile.Parse("a.cfg", "[Defaults]\nforks = 10\n");

        Assert.Null(file.Get("defaults", "forks"));
    }

    [Theory]
    [InlineData("[defaults]\n# forks = 1\nforks = 10\n", "10")]
    [InlineData("[defaults]\n; forks = 1\nforks = 10\n", "10")]
    [InlineData("[defaults]\nforks = 10 ; ten\n", "10")]
    [InlineData("[defaults]\nforks = 10# not a comment\n", "10# not a comment")]
    [InlineData("[defaults]\nforks = 10 # not a comment either\n", "10 # not a comment either")]
    [InlineData("[defaults]\nforks = 10;not inline\n", "10;not inline")]
    public void Parse_Comments_AsConfigParserReadsThem(string text, string expected)
    {
        var file = IniFile.Parse("a.cfg", text);

        Assert.Equal(expected, file.Get("defaults", "forks")?.Value);
    }

    [Fact]
    public void Parse_IndentedContinuation_JoinedWithNewlines()
    {
        var file = IniFile.Parse("a.cfg", "[ssh_connection]\nssh_args = -o A=1\n  -o B=2\n\n  -o C=3\n\n[defaults]\nforks = 1\n");

        Assert.Equal("-o A=1\n-o B=2\n\n-o C=3", file.Get("ssh_connection", "ssh_args")?.Value);
        Assert.Equal("1", file.Get("defaults", "forks")?.Value);
    }

    [Fact]
    public void Get_OptionOnlyInDefaultSection_FallsBackToIt()
    {
        var file = IniFile.Parse("a.cfg", "[DEFAULT]\nforks = 7\n[defaults]\nnocows = 1\n");

        Assert.Equal("7", file.Get("defaults", "forks")?.Value);
        Assert.Null(file.Get("privilege_escalation", "forks"));
    }

    [Fact]
    public void Get_Value_KnowsItsLine()
    {
        var file = IniFile.Parse("a.cfg", "[defaults]\n\n# c\nforks = 10\n");

        Assert.Equal(4, file.Get("defaults", "forks")?.Line);
    }

    [Theory]
    [InlineData("forks = 1\n", 1, "before any section")]
    [InlineData("[defaults]\nforks\n", 2, "expected 'key = value'")]
    [InlineData("[defaults]\nforks = 1\nforks = 2\n", 3, "option 'forks' appears twice")]
    [InlineData("[defaults]\nFORKS = 1\nforks = 2\n", 3, "option 'forks' appears twice")]
    [InlineData("[defaults]\n[defaults]\n", 2, "section 'defaults' appears twice")]
    [InlineData("[defaults]\n: 1\n", 2, "expected 'key = value'")]
    public void Parse_Malformed_ErrorWithFileAndLine(string text, int line, string message)
    {
        var ex = Assert.Throws<UserInputException>(() => IniFile.Parse("/x/ansible.cfg", text));

        Assert.Equal(new SourceLocation("/x/ansible.cfg", line, 1), ex.Location);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
