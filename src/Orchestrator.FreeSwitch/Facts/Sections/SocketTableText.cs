namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>The UDP socket table as the host printed it: <c>ss -uanp</c> (<see cref="IsSs"/>) or the /proc tables.</summary>
internal sealed record SocketTableText(bool IsSs, string Table)
{
    /// <summary>"ss" or "proc", as the facts report it.</summary>
    public string Source => IsSs ? "ss" : "proc";
}
