using Orchestrator.Compliance.Results;

namespace Orchestrator.Compliance.Checks;

/// <summary>What a check concluded, before waivers are applied.</summary>
internal sealed record CheckOutcome(ControlStatus Status, string Message, Dictionary<string, object?> Evidence)
{
    public static CheckOutcome Pass(string message, Dictionary<string, object?> evidence) => new(ControlStatus.Pass, message, evidence);

    public static CheckOutcome Fail(string message, Dictionary<string, object?> evidence) => new(ControlStatus.Fail, message, evidence);

    public static CheckOutcome Error(string message, Dictionary<string, object?>? evidence = null) => new(ControlStatus.Error, message, evidence ?? []);

    public static CheckOutcome Skipped(string message, Dictionary<string, object?>? evidence = null) => new(ControlStatus.Skipped, message, evidence ?? []);
}
