using System.Text.RegularExpressions;
using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

/// <summary>
/// <c>config_param</c>: a FreeSWITCH config param (after pre-processing, through the config reader) equals a value, matches
/// a pattern or is one of a list. A param that is not set fails unless <c>missing_ok</c>.
/// </summary>
internal sealed partial class ConfigParamCheck(string configuration, string path, string name, string? equals, Regex? matches, IReadOnlyList<string>? oneOf, bool missingOk) : Check
{
    public const string Name = "config_param";

    public override string TypeName => Name;

    public override bool NeedsConfiguration => true;

    public static CheckType Type { get; } = new(
        Name,
        "A config param (e.g. switch.conf settings rtp-start-port) equals a value, matches a regex or is one of a list.",
        [
            new("configuration", ParamKind.String, true, "The <configuration name=..>, e.g. switch.conf or sofia.conf."),
            new("path", ParamKind.String, false, "Where the params are under it, e.g. settings (default), global_settings or profiles/profile[internal]/settings."),
            new("param", ParamKind.String, true, "The param name."),
            new("equals", ParamKind.String, false, "The exact value required."),
            new("matches", ParamKind.Regex, false, "A regex the value must match (anchor it yourself)."),
            new("one_of", ParamKind.StringList, false, "Allowed values."),
            new("missing_ok", ParamKind.Bool, false, "Pass when the param is not set; default false."),
        ],
        a =>
        {
            var given = new[] { "equals", "matches", "one_of" }.Count(a.Has);
            if (given != 1)
            {
                throw new Core.Errors.UserInputException("config_param: expected exactly one of equals, matches or one_of", a.Location);
            }

            return new ConfigParamCheck(a.String("configuration")!, a.String("path") ?? "settings", a.String("param")!, a.String("equals"), a.Regex("matches"), a.StringList("one_of"), a.Bool("missing_ok") ?? false);
        });

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (FactGuards.NeedConfiguration(facts, out _, out _) is { } missing)
        {
            return missing;
        }

        if (facts.Configuration is null)
        {
            return CheckOutcome.Error("the full FreeSWITCH configuration was not parsed");
        }

        var param = facts.Configuration.GetParam(configuration, path, name);
        var evidence = new Dictionary<string, object?>
        {
            ["configuration"] = configuration,
            ["path"] = path,
            ["param"] = name,
            ["value"] = param?.Value,
            ["location"] = param?.Location?.ToString(),
        };
        var want = equals is not null ? $"'{equals}'" : matches is not null ? $"matching /{matches}/" : $"one of {string.Join(", ", oneOf!)}";
        evidence["expected"] = want;
        if (param is null)
        {
            return missingOk
                ? CheckOutcome.Pass($"{configuration} {path} {name} is not set (allowed)", evidence)
                : CheckOutcome.Fail($"{configuration} {path} {name} is not set; expected {want}", evidence);
        }

        var ok = equals is not null ? string.Equals(param.Value, equals, StringComparison.Ordinal)
            : matches is not null ? matches.IsMatch(param.Value)
            : oneOf!.Contains(param.Value, StringComparer.Ordinal);
        return ok
            ? CheckOutcome.Pass($"{name} = '{param.Value}'", evidence)
            : CheckOutcome.Fail($"{name} = '{param.Value}' at {param.Location}; expected {want}", evidence);
    }
}

/// <summary><c>service_active</c>: <c>systemctl is-active UNIT</c> prints the expected state (default <c>active</c>).</summary>
internal sealed partial class ServiceActiveCheck(string controlId, string service, string expected) : Check
{
    public const string Name = "service_active";

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "A systemd unit is active (systemctl is-active).",
        [
            new("service", ParamKind.String, true, "The unit name, e.g. freeswitch or freeswitch.service."),
            new("expected", ParamKind.String, false, "The state required; default active."),
        ],
        a =>
        {
            var service = a.String("service")!;
            if (!UnitName().IsMatch(service))
            {
                throw a.Error("service", $"service: '{service}' is not a systemd unit name (letters, digits and :-_.@\\ only, not starting with -)");
            }

            return new ServiceActiveCheck(a.ControlId, service, a.String("expected") ?? "active");
        });

    public string ProbeKey => $"service:{controlId}";

    public override IEnumerable<ProbeRequest> Probes => [new(ProbeKey, $"systemctl is-active {service}")];

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (!facts.Probes.TryGetValue(ProbeKey, out var probe))
        {
            return CheckOutcome.Error($"systemctl is-active {service} did not run");
        }

        var state = probe.Stdout.Trim();
        var evidence = new Dictionary<string, object?> { ["service"] = service, ["state"] = state, ["expected"] = expected, ["exit_code"] = (long)probe.ExitCode };
        if (state.Length == 0)
        {
            evidence["stderr"] = probe.Stderr.Trim();
            return CheckOutcome.Error($"systemctl is-active {service} printed nothing (exit {probe.ExitCode}): {probe.Stderr.Trim()}", evidence);
        }

        return string.Equals(state, expected, StringComparison.Ordinal)
            ? CheckOutcome.Pass($"{service} is {state}", evidence)
            : CheckOutcome.Fail($"{service} is {state}, expected {expected}", evidence);
    }

    [GeneratedRegex(@"^[A-Za-z0-9:_.@\\][A-Za-z0-9:_.@\\-]*$")]
    private static partial Regex UnitName();
}

/// <summary>
/// <c>command_output</c>: a shell command's output matches (or does not match) a regex, and optionally exits with a given
/// code. The command runs inside the facts batch, with the batch's privileges.
/// </summary>
internal sealed class CommandOutputCheck(string controlId, string command, Regex? matches, Regex? notMatches, long? exitCode) : Check
{
    public const string Name = "command_output";
    private const int EvidenceLimit = 2000;

    public override string TypeName => Name;

    public static CheckType Type { get; } = new(
        Name,
        "A shell command's standard output matches a regex (run in the same round trip as the facts).",
        [
            new("command", ParamKind.String, true, "The shell command (/bin/sh)."),
            new("matches", ParamKind.Regex, false, "A regex stdout must match."),
            new("not_matches", ParamKind.Regex, false, "A regex stdout must not match."),
            new("exit_code", ParamKind.Integer, false, "The exit code required; default: any."),
        ],
        a =>
        {
            if (!a.Has("matches") && !a.Has("not_matches") && !a.Has("exit_code"))
            {
                throw new Core.Errors.UserInputException("command_output: expected at least one of matches, not_matches or exit_code", a.Location);
            }

            if (string.IsNullOrWhiteSpace(a.String("command")))
            {
                throw a.Error("command", "command: expected a non-empty shell command");
            }

            return new CommandOutputCheck(a.ControlId, a.String("command")!, a.Regex("matches"), a.Regex("not_matches"), a.Integer("exit_code"));
        });

    public string ProbeKey => $"command:{controlId}";

    public override IEnumerable<ProbeRequest> Probes => [new(ProbeKey, command)];

    public override CheckOutcome Evaluate(HostFacts facts)
    {
        if (!facts.Probes.TryGetValue(ProbeKey, out var probe))
        {
            return CheckOutcome.Error($"the command did not run: {command}");
        }

        var evidence = new Dictionary<string, object?>
        {
            ["command"] = command,
            ["exit_code"] = (long)probe.ExitCode,
            ["stdout"] = Truncate(probe.Stdout),
        };
        if (probe.Stderr.Length > 0)
        {
            evidence["stderr"] = Truncate(probe.Stderr);
        }

        var problems = new List<string>();
        if (exitCode is { } code && probe.ExitCode != code)
        {
            problems.Add($"exited {probe.ExitCode}, expected {code}");
        }

        if (matches is not null && !matches.IsMatch(probe.Stdout))
        {
            evidence["matches"] = matches.ToString();
            problems.Add($"output does not match /{matches}/");
        }

        if (notMatches is not null && notMatches.IsMatch(probe.Stdout))
        {
            evidence["not_matches"] = notMatches.ToString();
            problems.Add($"output matches /{notMatches}/");
        }

        return problems.Count == 0
            ? CheckOutcome.Pass("command output as expected", evidence)
            : CheckOutcome.Fail(string.Join("; ", problems), evidence);
    }

    private static string Truncate(string text) => text.Length <= EvidenceLimit ? text : string.Concat(text.AsSpan(0, EvidenceLimit), "…");
}

/// <summary>Every built-in check type, by name.</summary>
internal static class CheckTypes
{
    public static IReadOnlyDictionary<string, CheckType> All { get; } = new[]
    {
        CaptureEnabledCheck.Type,
        CaptureServerCheck.Type,
        CapturePortsClearCheck.Type,
        HostProtectedCheck.Type,
        RobustnessCheck.Type,
        NoBindErrorsCheck.Type,
        ConfigParamCheck.Type,
        ServiceActiveCheck.Type,
        CommandOutputCheck.Type,
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);
}
