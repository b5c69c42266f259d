using System.Text.Json.Nodes;
using System.Xml.Linq;
using Orchestrator.Compliance.History;
using Orchestrator.Compliance.Reports;
using Orchestrator.Compliance.Results;
using Orchestrator.Compliance.Tests.Support;
using Orchestrator.Core.Errors;
using Orchestrator.Testing;
using Orchestrator.Testing.Compliance;

namespace Orchestrator.Compliance.Tests.Reports;

public sealed class ReportTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SweepResult Sample() => SampleResults.WithEveryStatus(T0);

    [Fact]
    public void Json_SampleWithEveryStatus_ValidatesAgainstTheDocumentedSchema()
    {
        var path = _dir.Combine("r.json");
        ReportFiles.Write(path, s => JsonReport.Write(s, Sample()));
        var json = File.ReadAllText(path);

        ReportValidation.AssertValidJson(json);
        var doc = JsonNode.Parse(json)!;
        Assert.Equal(6, (int)doc["exit_code"]!);
        Assert.Equal("orchestrator-compliance-report/1", (string)doc["schema"]!);
        Assert.Equal(20010, (int)doc["hosts"]![0]!["results"]![0]!["evidence"]!["colliding_ports"]![0]!);
        Assert.Equal("[REDACTED]", (string)doc["hosts"]![1]!["results"]![1]!["evidence"]!["esl_password"]!);
        Assert.DoesNotContain("ClueCon", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_SchemaRejectsABrokenReport()
    {
        var json = JsonNode.Parse(SampleJson())!;
        json["hosts"]![0]!["results"]![0]!["status"] = "failed";

        var ex = Assert.ThrowsAny<Exception>(() => ReportValidation.AssertValidJson(json.ToJsonString()));

        Assert.Contains("does not match", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Junit_OneTestcasePerHostAndControl_ValidatesAgainstTheJenkinsSchema()
    {
        var path = _dir.Combine("r.xml");
        ReportFiles.Write(path, s => JunitReport.Write(s, Sample()));

        ReportValidation.AssertValidJunit(path);
        var doc = XDocument.Load(path);
        var cases = doc.Descendants("testcase").ToList();
        Assert.Equal(6, cases.Count);
        Assert.Equal(["fs1", "fs2", "fs3"], doc.Descendants("testsuite").Select(s => (string)s.Attribute("name")!));
        Assert.Equal(2, doc.Descendants("failure").Count());
        Assert.Equal(2, doc.Descendants("error").Count());
        Assert.Single(doc.Descendants("skipped"));
        Assert.Equal("2", (string)doc.Root!.Attribute("failures")!);
        Assert.Contains("colliding_ports", doc.Descendants("failure").First().Value, StringComparison.Ordinal);
        Assert.DoesNotContain("ClueCon", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Junit_ControlCharactersInHostNameAndMessage_AreEscapedAndTheXmlIsValid()
    {
        var result = SampleResults.Pass(T0, SampleResults.Hosts(("fs\u0001\u001Bx", ["CLEAR"])));
        result = result with { Hosts = [result.Hosts[0] with { Controls = [result.Hosts[0].Controls[0] with { Message = "out\u0000put\ttab" }, result.Hosts[0].Controls[1]] }] };
        var path = _dir.Combine("r.xml");

        ReportFiles.Write(path, s => JunitReport.Write(s, result));

        ReportValidation.AssertValidJunit(path);
        var doc = XDocument.Load(path);
        Assert.Equal("fs\\u0001\\u001Bx", (string)doc.Descendants("testsuite").Single().Attribute("name")!);
        Assert.Equal("out\\u0000put\ttab", (string)doc.Descendants("failure").Single().Attribute("message")!);
    }

    [Fact]
    public void WriteAll_OneReportFails_TheOthersAreWrittenAndTheFailureIsNamed()
    {
        var blocked = _dir.Write("blocked", "a file, not a directory");
        var reports = new[]
        {
            new ReportSpec(ReportFormat.Junit, Path.Combine(blocked, "r.xml")),
            new ReportSpec(ReportFormat.Json, _dir.Combine("r.json")),
            new ReportSpec(ReportFormat.Html, _dir.Combine("r.html")),
        };

        var failures = ReportWriter.WriteAll(reports, Sample(), console: null, () => []);

        var failure = Assert.Single(failures);
        Assert.StartsWith($"report junit:{Path.Combine(blocked, "r.xml")}: not written: ", failure, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("r.json")) && File.Exists(_dir.Combine("r.html")), "the reports after the failed one were not written");
    }

    [Fact]
    public void WriteAll_JunitOfAHostNamedWithAControlCharacter_DoesNotStopTheOtherReports()
    {
        var result = SampleResults.Pass(T0, SampleResults.Hosts(("fs\u0007", ["CLEAR"])));
        var reports = new[] { new ReportSpec(ReportFormat.Junit, _dir.Combine("r.xml")), new ReportSpec(ReportFormat.Json, _dir.Combine("r.json")) };

        var failures = ReportWriter.WriteAll(reports, result, console: null, () => []);

        Assert.Empty(failures);
        Assert.True(File.Exists(_dir.Combine("r.xml")) && File.Exists(_dir.Combine("r.json")));
    }

    [Theory]
    [InlineData("cli", ReportFormat.Cli, null)]
    [InlineData("json:out/r.json", ReportFormat.Json, "out/r.json")]
    [InlineData("junit:r.xml", ReportFormat.Junit, "r.xml")]
    [InlineData("html:/tmp/r.html", ReportFormat.Html, "/tmp/r.html")]
    public void ReportSpec_Parse_ReadsFormatAndPath(string text, ReportFormat format, string? path) =>
        Assert.Equal(new ReportSpec(format, path), ReportSpec.Parse(text));

    [Theory]
    [InlineData("xml:r.xml", "unknown report 'xml'")]
    [InlineData("json", "expected json:PATH")]
    [InlineData("cli:x", "takes no path")]
    public void ReportSpec_Parse_RejectsBadSpecs(string text, string message) =>
        Assert.Contains(message, Assert.Throws<UserInputException>(() => ReportSpec.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    [Trait("Requires", "chromium")]
    public async Task Html_InHeadlessChromium_ShowsTheGridAndDetailsWithoutErrorsOrFetches()
    {
        var trend = new List<TrendPoint>
        {
            new(1, T0.AddMinutes(-10), 3, 3, 0, "scheduled"),
            new(2, T0.AddMinutes(-5), 3, 2, 0, "scheduled"),
            new(3, T0, 3, 1, 1, "manual"),
        };
        var path = _dir.Combine("report.html");
        ReportFiles.Write(path, s => HtmlReport.Write(s, Sample(), trend));

        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(new Uri(path).AbsoluteUri);

        Assert.Equal("6", (string?)await chromium.EvaluateAsync("document.body.getAttribute('data-ready')"));
        Assert.Equal(6, (int)(await chromium.EvaluateAsync("document.querySelectorAll('#grid td.cell').length"))!);
        Assert.Equal(2, (int)(await chromium.EvaluateAsync("document.querySelectorAll('#grid td.cell.fail').length"))!);
        Assert.True((bool)(await chromium.EvaluateAsync("document.getElementById('details').hidden"))!);
        var details = (string?)await chromium.EvaluateAsync("document.querySelector('#grid td.cell.fail').click(); document.getElementById('details').hidden ? '' : document.getElementById('details').innerText");
        Assert.Contains("fs1 · CLEAR", details, StringComparison.Ordinal);
        Assert.Contains("colliding_ports", details, StringComparison.Ordinal);
        Assert.Contains("Reserve and toggle.", details, StringComparison.Ordinal);
        Assert.Equal(2, (int)(await chromium.EvaluateAsync("document.querySelectorAll('svg.ports').length"))!);
        Assert.Equal(1, (int)(await chromium.EvaluateAsync("document.querySelectorAll('svg.ports g.capture.collides').length"))!);
        Assert.Equal(3, (int)(await chromium.EvaluateAsync("document.querySelectorAll('#trend circle').length"))!);

        var png = await chromium.ScreenshotAsync();
        var screenshot = Path.Combine(RepoPaths.Artifacts("compliance"), "compliance-report.png");
        await File.WriteAllBytesAsync(screenshot, png);
        Assert.True(png.Length > 10_000, $"screenshot is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);

        Assert.True(chromium.Errors.IsEmpty, "the page logged errors:\n" + string.Join("\n", chromium.Errors));
        Assert.All(chromium.Requests, url => Assert.StartsWith("file:", url, StringComparison.Ordinal));
    }

    private static string SampleJson()
    {
        using var stream = new MemoryStream();
        JsonReport.Write(stream, Sample());
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
