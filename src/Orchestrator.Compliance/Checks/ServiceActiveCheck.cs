using System.Text.RegularExpressions;
using Orchestrator.Compliance.Facts;

namespace Orchestrator.Compliance.Checks;

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

        if (probe.OutputUnreadable is { } why)
        {
            return FactGuards.Unreadable($"the state of {service}", why, new() { ["service"] = service, ["exit_code"] = (long)probe.ExitCode });
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
