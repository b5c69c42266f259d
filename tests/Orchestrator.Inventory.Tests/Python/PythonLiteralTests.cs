using System.Text.Json;
using Orchestrator.Inventory.Output;
using Orchestrator.Inventory.Python;
using Orchestrator.Inventory.Tests.Support;

namespace Orchestrator.Inventory.Tests.Python;

/// <summary>INI value typing is Python's ast.literal_eval; these inputs are checked against Python itself.</summary>
public sealed class PythonLiteralTests
{
    private const string Oracle = """
import ast, json, sys
from ansible.module_utils._text import to_text
out = []
for s in json.load(sys.stdin):
    try:
        v = ast.literal_eval(s)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        v = s
    if isinstance(v, complex) or v is Ellipsis:
        v = s  # Ansible cannot print these; Orchestrator keeps the text (documented)
    v = to_text(v, nonstring='passthru', errors='surrogate_or_strict')
    out.append(json.dumps(v, sort_keys=True, indent=4, ensure_ascii=False, default=sorted))
json.dump(out, sys.stdout)
""";

    private static readonly string[] Inputs =
    [
        "42", "-7", "+3", "- 4", "0", "00", "0_0", "007", "1_000", "1__0", "1_", "0x1F", "0X1f", "0o17", "0b101", "0b", "0x", "0x_1", "0b1_0",
        "1.5", "1.", ".5", "1e3", "1E-3", "1.5e+10", "1e", "1e+", "1_0.5", "1e1_0", "1e999", "-1e999", "12345678901234567890", "-9223372036854775808",
        "9223372036854775808", "1.7976931348623157e308", "5e-324", "0.1", "100000000000000000.0", "1e16", "1e15", "0.0001", "0.00001", "-0.0",
        "True", "False", "None", "true", "none", "yes", "NULL", "TrueX",
        "'a'", "\"b\"", "'it\\'s'", "\"tab\\there\"", "'\\x41\\101\\u00e9\\U0001F600'", "'\\d'", "r'\\d+'", "R\"\\n\"", "u'x'", "b'ab'", "B'\\x41'",
        "br'\\x41'", "'a' 'b'", "'a' b'b'", "f'x'", "'a' f'b'", "'''triple'''", "\"\"\"t\"\"\"", "'unterminated", "'\\x4'", "'\\u12'", "b'\\u1234'",
        "'é'", "b'é'",
        "[1, 2, 3]", "[1, 2,]", "[,]", "[]", "[1 2]", "(1, 2)", "(1,)", "()", "(1)", "((1))", "1, 2", "1,", ",", "1,,2",
        "{'a': 1}", "{'a': 1,}", "{}", "{1: 'x', 2: 'y'}", "{'a': [1, {'b': None}]}", "{'a': 1, 'a': 2}", "{1: 'a', True: 'b', 1.0: 'c'}",
        "{None: 1}", "{1.5: 2}", "{'k' 'v': 1}", "{'a': 1, 2}", "{[1]: 2}",
        "-(1)", "+(2.5)", "-(-1)", "--1", "-True", "-'a'", "1+1", "1-2", "1 + 2j", "2j", "-1j", "...", "set()", "set( )", "set(1)",
        "len(x)", "x", "a.b", "[1][0]", "1 if 2 else 3", "not 1", "lambda: 1", "1 # comment", "'a' # c", "# only comment", "",
        "1 ; 2", "hello # comment", "a=b", "{k:1}", "[1, 2", "1.2.3", "10.0.0.1", "2024-01-01", "12:30", "~/path", "/usr/bin/python3", "PCMU,PCMA",
        "1,2,3", "'1', '2'", "-0", "0x10 # hex", "   7", "\t8", "1.__class__", "0_", "1_000_000.5", "0e0", "09.5", "00.5", "1e-5", "007.",
    ];

    [Fact]
    [Trait("Requires", "ansible")]
    public async Task ParseIniValue_ManyInputs_SameAsPythonLiteralEval()
    {
        var expected = JsonSerializer.Deserialize<List<string>>(await AnsibleReference.PythonAsync(Oracle, JsonSerializer.Serialize(Inputs)))!;
        var failures = new List<string>();
        for (var i = 0; i < Inputs.Length; i++)
        {
            var actual = AnsibleJson.Serialize(PythonLiteral.ParseIniValue(Inputs[i]));
            if (actual != expected[i])
            {
                failures.Add($"{Inputs[i]}  python: {expected[i]}  ours: {actual}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("{1, 2, 1}")]
    [InlineData("{'a'}")]
    public void ParseIniValue_SetLiteral_IsAList(string input) =>
        Assert.IsType<List<object?>>(PythonLiteral.ParseIniValue(input));

    [Theory]
    [InlineData("1+2j")]
    [InlineData("...")]
    [InlineData("'\\N{BULLET}'")]
    public void ParseIniValue_UnsupportedLiteral_KeepsText(string input) =>
        Assert.Equal(input, PythonLiteral.ParseIniValue(input));

    [Fact]
    public void ParseIniValue_NestedPastTheDepthLimit_KeepsTheText()
    {
        // Python refuses too deep a nesting ("too many nested parentheses") and Ansible keeps the text; here the
        // limit is the readers' depth limit, and the recursion stays bounded (100,000 levels used to overflow the stack).
        var deep = new string('[', 100_000) + new string(']', 100_000);
        Assert.Equal(deep, PythonLiteral.ParseIniValue(deep));
        var allowed = new string('[', Orchestrator.Core.Input.ReaderLimits.MaxDepth) + new string(']', Orchestrator.Core.Input.ReaderLimits.MaxDepth);
        Assert.IsType<List<object?>>(PythonLiteral.ParseIniValue(allowed));
    }
}
