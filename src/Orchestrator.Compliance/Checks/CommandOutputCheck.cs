using System.Text.RegularExpressions;
using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

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
        var unknown = new List<string>();
        if (exitCode is { } code && probe.ExitCode != code)
        {
            problems.Add($"exited {probe.ExitCode}, expected {code}");
        }

        // Without the output (or with only its first part) a pattern not found is not known to be absent.
        var partial = probe.OutputUnreadable ?? (probe.StdoutTruncated ? "stdout reached the 64 KiB cap and was cut" : null);
        if (matches is not null && !matches.IsMatch(probe.Stdout))
        {
            evidence["matches"] = matches.ToString();
            (partial is null ? problems : unknown).Add($"output does not match /{matches}/");
        }

        if (notMatches is not null && notMatches.IsMatch(probe.Stdout))
        {
            evidence["not_matches"] = notMatches.ToString();
            problems.Add($"output matches /{notMatches}/");
        }
        else if (notMatches is not null && partial is not null)
        {
            unknown.Add($"whether the output matches /{notMatches}/");
        }

        if (problems.Count == 0 && (unknown.Count > 0 || (probe.OutputUnreadable is not null && exitCode is null)))
        {
            return FactGuards.Unreadable(unknown.Count > 0 ? string.Join("; ", unknown) : "the command's output", partial!, evidence);
        }

        return problems.Count == 0
            ? CheckOutcome.Pass("command output as expected", evidence)
            : CheckOutcome.Fail(string.Join("; ", problems), evidence);
    }

    private static string Truncate(string text) => text.Length <= EvidenceLimit ? text : string.Concat(text.AsSpan(0, EvidenceLimit), "…");
}
