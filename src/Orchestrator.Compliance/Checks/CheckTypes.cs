namespace Orchestrator.Compliance.Checks;

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
