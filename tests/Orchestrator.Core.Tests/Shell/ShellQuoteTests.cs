using System.Diagnostics;
using Orchestrator.Core.Shell;

namespace Orchestrator.Core.Tests.Shell;

public sealed class ShellQuoteTests
{
    /// <summary>Every character a POSIX shell gives a meaning to, alone and inside words.</summary>
    public static TheoryData<string> Payloads()
    {
        var data = new TheoryData<string>();
        foreach (var c in "'\"`$\\;&|<>()[]{}*?!#~=% \t\n^,:@+-./")
        {
            data.Add(c.ToString());
            data.Add("a" + c + "b");
        }

        data.Add(string.Empty);
        data.Add("$(touch /tmp/x)");
        data.Add("`id`");
        data.Add("a'b'c");
        data.Add("''");
        data.Add("-n");
        data.Add("--help");
        data.Add("line1\nline2\n");
        data.Add("${HOME}");
        data.Add("ünïcödé");
        data.Add(" leading and trailing ");
        return data;
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Quote_AnyWord_ReachesTheCommandAsOneLiteralArgument(string word)
    {
        // printf '%s\0' prints each argument it receives followed by NUL: one argument, unchanged.
        var output = RunSh($"printf '%s\\0' {ShellQuote.Quote(word)}");

        Assert.Equal(word + "\0", output);
    }

    [Fact]
    public void Join_Words_StayDistinctArguments()
    {
        string[] words = ["a b", "$x", string.Empty, "'", "-e"];

        var output = RunSh("printf '%s\\0' " + ShellQuote.Join(words));

        Assert.Equal(string.Concat(words.Select(w => w + "\0")), output);
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("/etc/freeswitch/sip_profiles", "/etc/freeswitch/sip_profiles")]
    [InlineData("a=b,c:d@e%f+g-h.i", "a=b,c:d@e%f+g-h.i")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("ü", "'ü'")]
    public void QuoteLikePython_MatchesPythonShlexQuote(string word, string expected)
    {
        // Python's shlex.quote is what Ansible's quote filter produces; the expected strings are its output.
        Assert.Equal(expected, ShellQuote.QuoteLikePython(word));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void QuoteLikePython_AnyWord_ReachesTheCommandAsOneLiteralArgument(string word) =>
        Assert.Equal(word + "\0", RunSh($"printf '%s\\0' {ShellQuote.QuoteLikePython(word)}"));

    [Fact]
    public void Quote_EmbeddedQuote_IsFourBytes() =>
        Assert.Equal("'it'\\''s'", ShellQuote.Quote("it's"));

    private static string RunSh(string command)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
