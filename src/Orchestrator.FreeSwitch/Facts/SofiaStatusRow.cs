namespace Orchestrator.FreeSwitch.Facts;

/// <summary>One row of <c>sofia status</c> (facts §8).</summary>
public sealed record SofiaStatusRow(string Name, string Type, string Data, string State)
{
    public bool IsProfile => Type == "profile";

    /// <summary>True for a profile whose state starts with RUNNING.</summary>
    public bool IsRunning => IsProfile && State.StartsWith("RUNNING", StringComparison.Ordinal);
}
