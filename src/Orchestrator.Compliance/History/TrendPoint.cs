namespace Orchestrator.Compliance.History;

/// <summary>The fleet at one run.</summary>
public sealed record TrendPoint(long RunId, DateTimeOffset At, int Hosts, int Compliant, int Unreachable, string Trigger)
{
    public double CompliantPercent => Hosts == 0 ? 0 : 100.0 * Compliant / Hosts;
}
