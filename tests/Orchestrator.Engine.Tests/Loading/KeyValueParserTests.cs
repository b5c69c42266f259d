using System.Text.Json;
using Orchestrator.Core.Errors;
using Orchestrator.Engine.Loading;
using Orchestrator.Testing;
using Orchestrator.Testing.Fakes;

namespace Orchestrator.Engine.Tests.Loading;

/// <summary>The one k=v parser (module arguments and -e), checked case by case and against ansible-core's own parse_kv.</summary>
public sealed class KeyValueParserTests
{
    // Input; the options as key=value in order; the free-form text (null: none). Every row is also run
    // through ansible's parse_kv by KeyValueParser_MatchesAnsibleParseKv.
    public static TheoryData<string, string[], string?> Cases => new()
    {
        { "a=b c=\"foo bar\"", ["a=b", "c=foo bar"], null },
        { "a='x y' b=\"p q\"", ["a=x y", "b=p q"], null },
        { "a=b=c", ["a=b=c"], null },
        { "a==b", ["a==b"], null },
        { "a=", ["a="], null },
        { "=x", [], "=x" },
        { "a\\=b", [], "a=b" },
        { "msg=\"a\\tb\" x=\\x41 y=\\u00e9", ["msg=a\tb", "x=A", "y=é"], null },
        { "a='x\\'y'", ["a=x'y"], null },
        { "msg='it''s'", ["msg=it''s"], null },
        { "k=\"v\"w", ["k=\"v\"w"], null },
        { "a=\"x\" y", ["a=x"], "y" },
        { "a=1  b=2", ["a=1", "b=2"], null },
        { "a=b ", ["a=b"], null },
        { "a=1\tb=2", ["a=1\tb=2"], null },
        { "a=b\nc=d", ["a=b", "c=d"], null },
        { "x=1 \\\n y=2", ["x=1", "y=2"], null },
        { "msg={{ x | default('a b') }}", ["msg={{ x | default('a b') }}"], null },
        { "a=\"{{ x }}\" b={% if y %}1{% endif %}", ["a={{ x }}", "b={% if y %}1{% endif %}"], null },
        { "a={# c #}d", ["a={# c #}d"], null },
        { "k = v", [], "k = v" },
        { "echo \"a  b\" creates=/tmp/x chdir=\"/a b\"", ["creates=/tmp/x", "chdir=/a b"], "echo \"a  b\"" },
        { "a=1 a=2", ["a=1", "a=2"], null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_FollowsAnsibleParseKv(string text, string[] options, string? freeForm)
    {
        var parsed = KeyValueParser.Parse(text);
        Assert.Equal(options, parsed.Options.Select(o => $"{o.Key}={o.Value}"));
        Assert.Equal(freeForm, parsed.FreeFormText);
    }

    [Theory]
    [InlineData("echo a creates=/x", "creates=/x", "echo a")]
    [InlineData("FOO=bar /bin/run chdir=/srv", "chdir=/srv", "FOO=bar /bin/run")]
    [InlineData("echo \"x=\\ty\" removes='/a b'", "removes=/a b", "echo \"x=\\ty\"")]
    public void Parse_CommandLine_TakesOnlyCommandOptionsAndKeepsTheRestAsWritten(string text, string option, string command)
    {
        var parsed = KeyValueParser.Parse(text, onlyKeys: KeyValueParser.CommandOptions);
        Assert.Equal([option], parsed.Options.Select(o => $"{o.Key}={o.Value}"));
        Assert.Equal(command, parsed.FreeFormText);
    }

    [Theory]
    [InlineData("a=x\"y", "unbalanced quotes or template braces")]
    [InlineData("a=\"b c", "unbalanced quotes or template braces")]
    [InlineData("a={{ b", "unbalanced quotes or template braces")]
    [InlineData("a={% if x", "unbalanced quotes or template braces")]
    [InlineData("a=\\N{BULLET}", "a character by name")]
    [InlineData("a=\\UFFFFFFFF", "is not a Unicode character")]
    public void Parse_BadInput_ClearErrorAtTheLocation(string text, string message)
    {
        var at = new SourceLocation("site.yml", 4, 16);
        var ex = Assert.Throws<UserInputException>(() => KeyValueParser.Parse(text, at));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("site.yml:4:16: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  a=b", "a=b")]
    [InlineData("\na=b", "a=b")]
    public void Parse_LeadingBlanks_AreSkipped(string text, string option)
    {
        // Ansible fails here with an internal IndexError ("Unable to parse argument string").
        Assert.Equal([option], KeyValueParser.Parse(text).Options.Select(o => $"{o.Key}={o.Value}"));
    }

    [Fact]
    public async Task KeyValueParser_MatchesAnsibleParseKv()
    {
        var inputs = Cases.Select(row => (string)row[0]).ToList();
        const string script = """
            import json, sys
            from ansible.parsing.splitter import parse_kv
            out = []
            for text in json.load(sys.stdin):
                out.append([parse_kv(text), parse_kv(text, check_raw=True)])
            print(json.dumps(out))
            """;
        var ansible = JsonSerializer.Deserialize<List<List<Dictionary<string, string>>>>(await AnsibleTools.RunPythonAsync(script, JsonSerializer.Serialize(inputs)))!;
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.Equal(ansible[i][0], AsAnsibleDictionary(KeyValueParser.Parse(inputs[i])));
            Assert.Equal(ansible[i][1], AsAnsibleDictionary(KeyValueParser.Parse(inputs[i], onlyKeys: KeyValueParser.CommandOptions)));
        }
    }

    private static Dictionary<string, string> AsAnsibleDictionary(KeyValueArguments parsed)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in parsed.Options)
        {
            result[k] = v;
        }

        if (parsed.FreeFormText is { } raw)
        {
            result["_raw_params"] = raw;
        }

        return result;
    }

    [Fact]
    public void ExtraVariables_UseTheSameParser()
    {
        var vars = ExtraVariables.Parse(["a=1 b='x y' c=\"p\\tq\"", "d=e=f"]);
        Assert.Equal("1", vars["a"]);
        Assert.Equal("x y", vars["b"]);
        Assert.Equal("p\tq", vars["c"]);
        Assert.Equal("e=f", vars["d"]);
    }

    [Theory]
    [InlineData("a=1 stray", "-e 'a=1 stray': expected key=value, a mapping, or @file, but found 'stray'")]
    [InlineData("a=\"open", "-e: unbalanced quotes or template braces in 'a=\"open'")]
    [InlineData("1a=x", "-e: '1a' is not a valid variable name")]
    [InlineData("[1, 2]", "-e: extra vars must be a mapping of names to values")]
    public void ExtraVariables_BadInput_ClearError(string value, string message)
    {
        var ex = Assert.Throws<UserInputException>(() => ExtraVariables.Parse([value]));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task Loader_CommandLineOptionsAndInlineArguments_ReachTheModules()
    {
        using var h = new EngineHarness("h1");
        h["h1"].AddFile("/tmp/done", string.Empty);
        var run = await h.RunAsync("""
            - hosts: all
              tasks:
                - name: guarded
                  command: /bin/init --name "a  b" creates=/tmp/done
                - name: dir
                  command: /bin/pwd chdir="/srv/my app"
                - name: show
                  debug: msg="tab\there {{ inventory_hostname }}"
            """);
        Assert.Equal("skipped, since /tmp/done exists", run.Result1("guarded", "h1").Message);
        Assert.Contains(h["h1"].Commands, c => c.Contains("cd -- '/srv/my app'", StringComparison.Ordinal) && c.Contains("/bin/pwd", StringComparison.Ordinal));
        Assert.Equal("tab\there h1", run.Result1("show", "h1").Message);
    }

    [Fact]
    public void Loader_StrayWordInInlineArguments_ErrorAtTheArguments()
    {
        using var h = new EngineHarness("h1");
        var options = h.Options("- hosts: all\n  tasks:\n    - copy: dest=/etc/x content=a b\n");
        var ex = Assert.Throws<UserInputException>(() => PlaybookRunner.SyntaxCheck(options));
        Assert.StartsWith($"{options.PlaybookPath}:3:13: expected key=value arguments, but found 'b'", ex.Message, StringComparison.Ordinal);
    }
}
