using Orchestrator.Compliance.Policies;
using Orchestrator.Compliance.Tests.Support;
using Orchestrator.Core.Errors;
using Orchestrator.Testing;

namespace Orchestrator.Compliance.Tests.Policies;

public sealed class PolicyLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_EveryCheckType_BuildsControlsInOrder()
    {
        var policy = TestPolicies.Load(_dir, TestPolicies.AllTypes);

        Assert.Equal("all-types", policy.Name);
        Assert.Equal(
            ["capture_server", "capture_enabled", "capture_ports_clear", "host_protected", "robustness", "no_bind_errors", "config_param", "service_active", "command_output"],
            policy.Controls.Select(c => c.CheckType));
        Assert.Equal(0.7, policy.Controls[0].Impact);
        Assert.Equal("toggle capture", policy.Controls[2].Remediation.Text);
        Assert.Equal(new SourceLocation(_dir.Combine("policy.yml"), 3, 5), policy.Controls[0].Location);
    }

    [Fact]
    public void Load_ShippedPolicy_LoadsEveryControlWithPlaybooksResolved()
    {
        var path = Path.Combine(RepoPaths.Root, "policies", "freeswitch-capture.yml");

        var policy = PolicyLoader.Load(path);

        Assert.Equal("freeswitch-capture", policy.Name);
        Assert.Equal(9, policy.Controls.Count);
        Assert.Equal(9, policy.Controls.Select(c => c.CheckType).Distinct().Count());
        Assert.All(policy.Controls.Where(c => c.Remediation.Playbook is not null), c => Assert.True(File.Exists(c.Remediation.Playbook), c.Remediation.Playbook));
        Assert.Contains(policy.Controls, c => c.CheckType == "capture_ports_clear" && c.Remediation.Playbook is not null);
    }

    [Fact]
    public void Load_MalformedYaml_ReportsFileLineColumn()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, "policy: x\ncontrols:\n  - id: A\n    title: [unclosed\n"));

        Assert.Equal(_dir.Combine("policy.yml"), ex.Location!.Value.File);
        Assert.True(ex.Location.Value.Line >= 4, ex.Message);
        Assert.StartsWith($"{_dir.Combine("policy.yml")}:{ex.Location.Value.Line}:{ex.Location.Value.Column}: YAML syntax error", ex.Message);
        Assert.Equal(2, ex.ExitCode);
    }

    [Fact]
    public void Load_UnknownCheckType_PointsAtTheTypeAndListsTheKnownOnes()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check:
                  type: capture_magic
            """));

        Assert.Equal(new SourceLocation(_dir.Combine("policy.yml"), 7, 13), ex.Location);
        Assert.Contains("unknown check type 'capture_magic'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("capture_ports_clear", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownParameter_PointsAtTheKey()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check:
                  type: no_bind_errors
                  hour: 24
            """));

        Assert.Equal(new SourceLocation(_dir.Combine("policy.yml"), 8, 7), ex.Location);
        Assert.Contains("unknown parameter 'hour' for check type no_bind_errors; expected hours, max", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("impact: 1.5", "impact: expected a number from 0.0 to 1.0, found '1.5'", 5, 13)]
    [InlineData("impact: high", "impact: expected a number, found 'high'", 5, 13)]
    [InlineData("impct: 0.5", "unknown key 'impct' in a control", 5, 5)]
    public void Load_BadControlField_SaysWhatWasExpected(string line, string message, int errorLine, int column)
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, $"""
            policy: x
            controls:
              - id: A
                title: t
                {line}
                check: {"{"} type: capture_ports_clear {"}"}
            """));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(_dir.Combine("policy.yml"), errorLine, column), ex.Location);
    }

    [Fact]
    public void Load_WrongParameterType_PointsAtTheValue()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check: { type: capture_enabled, expected: maybe }
            """));

        Assert.Equal(new SourceLocation(_dir.Combine("policy.yml"), 6, 47), ex.Location);
        Assert.Contains("expected: expected true or false, found 'maybe'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidRegex_IsAnErrorAtTheValue()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check: { type: command_output, command: "true", matches: "([" }
            """));

        Assert.Contains("matches: '([' is not a valid regular expression", ex.Message, StringComparison.Ordinal);
        Assert.Equal(6, ex.Location!.Value.Line);
    }

    [Fact]
    public void Load_MissingRequiredParameter_NamesIt()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check:
                  type: service_active
            """));

        Assert.Contains("check type service_active needs parameter 'service'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(_dir.Combine("policy.yml"), 7, 7), ex.Location);
    }

    [Fact]
    public void Load_DuplicateControlId_NamesTheFirst()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check: { type: capture_ports_clear }
              - id: A
                title: t2
                impact: 0.5
                check: { type: host_protected }
            """));

        Assert.Contains($"duplicate control id 'A' (first defined at {_dir.Combine("policy.yml")}:3:5)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(7, ex.Location!.Value.Line);
    }

    [Fact]
    public void Load_WaiverForUnknownControlOrBadExpiry_IsRejected()
    {
        const string controls = """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check: { type: capture_ports_clear }
            waivers:
            """;
        var unknown = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, controls + "\n  - { control: B, justification: j, expires: 2027-01-01 }\n"));
        Assert.Contains("waiver for unknown control 'B'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(8, unknown.Location!.Value.Line);

        var expiry = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, controls + "\n  - { control: A, justification: j, expires: next week }\n"));
        Assert.Contains("expires: 'next week' is not a date", expiry.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, controls + "\n  - { control: A, justification: '', expires: 2027-01-01 }\n"));
        Assert.Contains("justification: expected a reason", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WaiverExpiry_DateIsMidnightUtcAndTimeKeepsItsOffset()
    {
        var policy = TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check: { type: capture_ports_clear }
            waivers:
              - { control: A, justification: migration, expires: 2027-01-31 }
              - { control: A, hosts: fs2, justification: vendor, expires: "2027-01-31T18:00:00+01:00" }
            """);

        Assert.Equal(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero), policy.Waivers[0].Expires);
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 17, 0, 0, TimeSpan.Zero), policy.Waivers[1].Expires.ToUniversalTime());
        Assert.Equal("fs2", policy.Waivers[1].Hosts);
    }

    [Fact]
    public void Load_MissingPlaybook_IsAnErrorRelativeToThePolicy()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                remediation: { text: fix it, playbook: ../nowhere.yml }
                check: { type: capture_ports_clear }
            """));

        Assert.Contains("playbook: '../nowhere.yml' not found", ex.Message, StringComparison.Ordinal);
        Assert.Equal(6, ex.Location!.Value.Line);
    }

    [Fact]
    public void Load_ConfigParamWithoutComparison_IsRejected()
    {
        var ex = Assert.Throws<UserInputException>(() => TestPolicies.Load(_dir, """
            policy: x
            controls:
              - id: A
                title: t
                impact: 0.5
                check: { type: config_param, configuration: switch.conf, param: rtp-start-port }
            """));

        Assert.Contains("config_param: expected exactly one of equals, matches or one_of", ex.Message, StringComparison.Ordinal);
    }
}
