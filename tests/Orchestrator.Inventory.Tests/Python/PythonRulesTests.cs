using System.Globalization;
using System.Text.Json;
using Orchestrator.Core.Shell;
using Orchestrator.Inventory.Output;
using Orchestrator.Inventory.Parsing;
using Orchestrator.Inventory.Patterns;
using Orchestrator.Inventory.Python;
using Orchestrator.Inventory.Tests.Support;
using Orchestrator.Inventory.Yaml;

namespace Orchestrator.Inventory.Tests.Python;

/// <summary>The Python and Ansible helpers the inventory relies on, checked against Python and Ansible themselves.</summary>
public sealed class PythonRulesTests
{
    [Fact]
    [Trait("Requires", "ansible")]
    public async Task PosixShlexSplit_HostLines_SameAsPythonShlex()
    {
        string[] lines =
        [
            "h1", "h1 a=1 b=2", "h1   a=1\tb=2", "h1 a=\"x y\"", "h1 a='x y'", "h1 a=x\\ y", "h1 a=\"q\\\"q\"", "h1 a=\"b\\\\s\"", "h1 a=\"keep\\n\"",
            "h1 a='no\\escape'", "h1 a=1 # comment", "h1 a=b#c", "h1 a=\"#not\"", "h1 a='#not'", "h1 \"\"", "h1 a=\"\"", "h1 a=''x", "h1 a=\"x\"'y'z",
            "h1 ;x", "h1 a=é", "h1 a=\"tab\there\"",
        ];
        const string Script = """
import json, shlex, sys
json.dump([shlex.split(l, comments=True) for l in json.load(sys.stdin)], sys.stdout)
""";
        var expected = JsonSerializer.Deserialize<List<List<string>>>(await AnsibleReference.PythonAsync(Script, JsonSerializer.Serialize(lines)))!;
        for (var i = 0; i < lines.Length; i++)
        {
            var actual = Shlex.Split(lines[i], comments: true);
            Assert.True(expected[i].SequenceEqual(actual), $"{lines[i]}: python [{string.Join("|", expected[i])}] ours [{string.Join("|", actual)}]");
        }
    }

    [Theory]
    [InlineData("h1 a=\"open", ShlexErrorKind.UnclosedQuote)]
    [InlineData("h1 a=x\\", ShlexErrorKind.TrailingBackslash)]
    public void PosixShlexSplit_Unfinished_ReportsError(string line, ShlexErrorKind error)
    {
        var actual = Assert.Throws<ShlexException>(() => Shlex.Split(line, comments: true));
        Assert.Equal(error, actual.Kind);
        Assert.InRange(actual.Index, 3, line.Length - 1);
    }

    [Fact]
    [Trait("Requires", "ansible")]
    public async Task FnMatch_Globs_SameAsPythonFnmatch()
    {
        string[] patterns = ["web*", "web?", "w*b*", "*.example.net", "db-[a-c]", "db-[!a-c]", "db-[]]", "db-[!]]", "x[", "a[b-a]c", "[a-c-e]", "f[-]", "g[\\]", "*[0-9]", "**", "é*", "a|b", "a+b", "(x)", "[!]"];
        string[] names = ["web", "web1", "web12", "wab", "a.example.net", "db-a", "db-b", "db-d", "db-]", "x[", "abc", "ac", "d", "-", "f-", "g\\", "n5", "éa", "a|b", "a+b", "(x)", "!", ""];
        const string Script = """
import fnmatch, json, re, sys
req = json.load(sys.stdin)
json.dump([[bool(re.compile(fnmatch.translate(p)).match(n)) for n in req["names"]] for p in req["patterns"]], sys.stdout)
""";
        var expected = JsonSerializer.Deserialize<List<List<bool>>>(await AnsibleReference.PythonAsync(Script, JsonSerializer.Serialize(new { patterns, names })))!;
        for (var p = 0; p < patterns.Length; p++)
        {
            var regex = FnMatch.Compile(patterns[p]);
            for (var n = 0; n < names.Length; n++)
            {
                Assert.True(expected[p][n] == regex.IsMatch(names[n]), $"fnmatch('{names[n]}', '{patterns[p]}'): python {expected[p][n]}");
            }
        }
    }

    [Fact]
    [Trait("Requires", "ansible")]
    public async Task PyFloatRepr_ManyValues_SameAsPythonRepr()
    {
        var random = new Random(12345);
        var values = new List<double> { 0.0, -0.0, 1.0, -1.5, 0.1, 0.2 + 0.1, 1e16, 1e15, 123456789012345680.0, 1e-4, 1e-5, 1.5e-7, 5e-324, double.MaxValue, 1e22, 2.5, 100.0, 3.14159 };
        for (var i = 0; i < 200; i++)
        {
            values.Add(BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : 1.0);
            values.Add(random.NextDouble() * Math.Pow(10, random.Next(-12, 22)));
        }

        var inputs = values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToList();
        const string Script = """
import json, sys
json.dump([repr(float(s)) for s in json.load(sys.stdin)], sys.stdout)
""";
        var expected = JsonSerializer.Deserialize<List<string>>(await AnsibleReference.PythonAsync(Script, JsonSerializer.Serialize(inputs)))!;
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(expected[i], PyFloat.Repr(values[i]));
        }
    }

    [Fact]
    [Trait("Requires", "ansible")]
    public async Task YamlScalars_Yaml11Typing_SameAsAnsibleLoader()
    {
        string[] scalars =
        [
            "yes", "No", "ON", "off", "y", "n", "true", "False", "TRUE", "tRue", "1234", "-17", "+5", "0755", "0_7", "08", "0o17", "0xFF", "0x_1", "0b1011", "0b",
            "1:30:00", "190:20:30.15", "1_000", "1.5", "3.", ".5", "1e3", "1.0e+3", "1.0e3", "2.5e-7", ".inf", "-.Inf", "+.INF", ".NaN", "1_2.3_4", "~", "null", "Null",
            "NULL", "nULL", "", "2024-03-01", "2024-3-1", "2024-03-01T12:30:45Z", "2024-03-01 12:30:45.5 +02:00", "2024-03-01t01:02:03.1234567-05:30",
            "2024-03-01T00:00:00.000000", "2024-03-01 1:02:03", "12345678901234567890123", "-0", "00", "0", "abc", "10.0.0.1", "1.2.3", "1:2:3:4", "0x1g",
            "'quoted'", "\"1\"", "!!str 12", "!!int '42'", "!!float '3'", "!!bool 'on'", "!!null ''", "!unsafe '{{ x }}'", "!!binary aGVsbG8=",
            "<<", "a b", "-", "--1", "1-2", "+", ".", "._1", "1e", "0.", "-.5", "+12.5",
        ];
        const string Script = """
import json, sys
from ansible.parsing.yaml.loader import AnsibleLoader
from ansible.parsing.ajson import AnsibleJSONEncoder
out = []
for s in json.load(sys.stdin):
    try:
        value = AnsibleLoader("v: " + s).get_single_data()
        if isinstance(value["v"], bytes):
            value["v"] = "bytes"
        out.append(json.dumps(value, cls=AnsibleJSONEncoder, sort_keys=True, indent=4, ensure_ascii=False, preprocess_unsafe=True))
    except Exception as e:
        out.append("error")
json.dump(out, sys.stdout)
""";
        var expected = JsonSerializer.Deserialize<List<string>>(await AnsibleReference.PythonAsync(Script, JsonSerializer.Serialize(scalars)))!;
        var failures = new List<string>();
        for (var i = 0; i < scalars.Length; i++)
        {
            string actual;
            try
            {
                var root = YamlDocumentReader.Read("v: " + scalars[i], "test.yml");
                var value = (Dictionary<string, object?>)new YamlConstructor("test.yml", null).ToPlain(root!)!;
                if (scalars[i].StartsWith("!!binary", StringComparison.Ordinal))
                {
                    value["v"] = "bytes";
                }

                actual = AnsibleJson.Serialize(value);
            }
            catch (Orchestrator.Core.Errors.UserInputException)
            {
                actual = "error";
            }

            if (actual != expected[i])
            {
                failures.Add($"{scalars[i]}  python: {expected[i]}  ours: {actual}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    [Trait("Requires", "ansible")]
    public async Task HostAddressAndRanges_SameAsAnsible()
    {
        string[] patterns =
        [
            "web01", "web01:2222", "web01.example.net", "10.0.0.1", "10.0.0.1:22", "::1", "[::1]:2222", "fe80::1%eth0", "2001:db8::1", "[2001:db8::1]:5060",
            "web[01:10]", "web[01:10:3]:22", "db-[a:f]", "db-[a:c]-[1:2]", "web_", "-web", "wéb", "10.0.0.[1:3]", "a::b", "web:", "h[ab:cd]", "x[08:10]",
            "10.0.[1:2].[5:6]", "[web01]:22", "a_b-c",
        ];
        const string Script = """
import json, sys
from ansible.parsing.utils.addresses import parse_address
from ansible.plugins.inventory import expand_hostname_range, detect_range
out = []
for p in json.load(sys.stdin):
    try:
        host, port = parse_address(p, allow_ranges=True)
    except Exception:
        host, port = p, None
    hosts = expand_hostname_range(host) if detect_range(host) else [host]
    out.append({"hosts": hosts, "port": port})
json.dump(out, sys.stdout)
""";
        using var doc = JsonDocument.Parse(await AnsibleReference.PythonAsync(Script, JsonSerializer.Serialize(patterns)));
        var expected = doc.RootElement.EnumerateArray().ToList();
        for (var i = 0; i < patterns.Length; i++)
        {
            var hosts = HostPatternExpander.Expand(patterns[i], out var port);
            var expectedHosts = expected[i].GetProperty("hosts").EnumerateArray().Select(e => e.GetString()).ToList();
            var expectedPort = expected[i].GetProperty("port").ValueKind == JsonValueKind.Null ? (int?)null : expected[i].GetProperty("port").GetInt32();
            Assert.True(expectedHosts.SequenceEqual(hosts), $"{patterns[i]}: ansible [{string.Join(",", expectedHosts)}] ours [{string.Join(",", hosts)}]");
            Assert.True(expectedPort == port, $"{patterns[i]}: ansible port {expectedPort}, ours {port}");
        }
    }
}
