using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Core.Shell;

namespace Orchestrator.Core.Tests.Shell;

public sealed class ShlexTests
{
    /// <summary>Texts and what Python's <c>shlex.split(text)</c> returns for them (comments off).</summary>
    public static TheoryData<string, string[]> Splits() => new()
    {
        { "-o A=1 -o 'B 2'", ["-o", "A=1", "-o", "B 2"] },
        { "-o \"UserKnownHostsFile=/a b\" -J x", ["-o", "UserKnownHostsFile=/a b", "-J", "x"] },
        { "a\\ b 'c'\"d\"", ["a b", "cd"] },
        { "  ", [] },
        { string.Empty, [] },
        { "a \"\" b", ["a", string.Empty, "b"] },
        { "a ''", ["a", string.Empty] },
        { "a\"b\"c", ["abc"] },
        { "'a\\b'", ["a\\b"] },
        { "\"a\\\"b\"", ["a\"b"] },
        { "\"a\\\\b\"", ["a\\b"] },
        { "\"a\\$b\"", ["a\\$b"] },
        { "\"a\\`b\"", ["a\\`b"] },
        { "\"a\\nb\"", ["a\\nb"] },
        { "a\\$b", ["a$b"] },
        { "a\\\\b", ["a\\b"] },
        { "a\\'b", ["a'b"] },
        { "a\u00a0b", ["a\u00a0b"] },
        { "a\vb", ["a\vb"] },
        { "a\tb\nc\rd", ["a", "b", "c", "d"] },
        { "echo $HOME `id` $(x) ; a|b && c > d < e * ? [x] {y} ~ ! % ^ = , : @ + -", ["echo", "$HOME", "`id`", "$(x)", ";", "a|b", "&&", "c", ">", "d", "<", "e", "*", "?", "[x]", "{y}", "~", "!", "%", "^", "=", ",", ":", "@", "+", "-"] },
        { "x#y # z", ["x#y", "#", "z"] },
        { "é ü", ["é", "ü"] },
        { "-o 'it'\\''s'", ["-o", "it's"] },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Split_Text_AsPythonShlexSplits(string text, string[] expected) => Assert.Equal(expected, Shlex.Split(text));

    [Theory]
    [InlineData("x#y", new[] { "x" })]
    [InlineData("# c", new string[0])]
    [InlineData("a #c\nb", new[] { "a", "b" })]
    [InlineData("a '#not' \"#not\" \\#not", new[] { "a", "#not", "#not", "#not" })]
    public void Split_WithComments_SkipsToTheEndOfTheLine(string text, string[] expected) =>
        Assert.Equal(expected, Shlex.Split(text, comments: true));

    [Fact]
    [Trait("Requires", "ansible")]
    public void Split_EveryCase_SameAsPythonShlex()
    {
        var texts = Splits().Select(row => (string)row[0]).Concat(["x#y", "# c", "a #c\nb", "a '#not' \"#not\" \\#not"]).ToList();
        const string Script = """
            import json, shlex, sys
            texts = json.load(sys.stdin)
            json.dump([[shlex.split(t), shlex.split(t, comments=True)] for t in texts], sys.stdout)
            """;
        var expected = JsonSerializer.Deserialize<List<List<List<string>>>>(RunPython(Script, JsonSerializer.Serialize(texts)))!;
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.True(expected[i][0].SequenceEqual(Shlex.Split(texts[i])), $"{texts[i]}: python [{string.Join("|", expected[i][0])}]");
            Assert.True(expected[i][1].SequenceEqual(Shlex.Split(texts[i], comments: true)), $"{texts[i]} (comments): python [{string.Join("|", expected[i][1])}]");
        }
    }

    // What the splitters this one replaced did differently, each now as shlex does: Transport's (ssh args, become
    // flags) followed /bin/sh inside double quotes, the command module's took no escapes there, and both split on every
    // Unicode space and kept a trailing backslash.
    [Theory]
    [InlineData("\"a\\$b\"", "a\\$b")] // sh: a$b
    [InlineData("\"a\\`b\"", "a\\`b")] // sh: a`b
    [InlineData("\"a\\\"b\"", "a\"b")] // command module: unclosed quote
    [InlineData("\"a\\\\b\"", "a\\b")] // command module: a\\b
    [InlineData("a\u00a0b", "a\u00a0b")] // both: two words
    [InlineData("a\fb", "a\fb")] // both: two words
    public void Split_WhereTheOldSplittersDiffered_OneWordAsShlex(string text, string word) => Assert.Equal([word], Shlex.Split(text));

    [Theory]
    [InlineData("-o \"x", ShlexErrorKind.UnclosedQuote, 3, "a double quote is not closed")]
    [InlineData("-o 'x", ShlexErrorKind.UnclosedQuote, 3, "a single quote is not closed")]
    [InlineData("a \"it's", ShlexErrorKind.UnclosedQuote, 2, "a double quote is not closed")]
    [InlineData("x\\", ShlexErrorKind.TrailingBackslash, 1, "a backslash at the end escapes nothing")]
    [InlineData("\"x\\", ShlexErrorKind.TrailingBackslash, 2, "a backslash at the end escapes nothing")]
    public void Split_Unfinished_ThrowsWithKindAndIndex(string text, ShlexErrorKind kind, int index, string message)
    {
        var ex = Assert.Throws<ShlexException>(() => Shlex.Split(text));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(index, ex.Index);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Tokenize_Words_KnowWhereTheyStart() =>
        Assert.Equal([new ShlexToken("h1", 0), new ShlexToken("a=x y", 4), new ShlexToken(string.Empty, 12)], Shlex.Tokenize("h1  a='x y' \"\""));

    private static string RunPython(string script, string stdin)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is needed (it comes with ansible-core: sudo scripts/install-deps.sh)", e);
        }

        using (process)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"python3 failed: {error}");
            return output;
        }
    }
}
