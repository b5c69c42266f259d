namespace Orchestrator.Compliance.Results;

public static class ControlStatusNames
{
    public static string ToWire(this ControlStatus status) => status switch
    {
        ControlStatus.Pass => "pass",
        ControlStatus.Fail => "fail",
        ControlStatus.Error => "error",
        ControlStatus.Waived => "waived",
        ControlStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ControlStatus FromWire(string value) => value switch
    {
        "pass" => ControlStatus.Pass,
        "fail" => ControlStatus.Fail,
        "error" => ControlStatus.Error,
        "waived" => ControlStatus.Waived,
        "skipped" => ControlStatus.Skipped,
        _ => throw new FormatException($"unknown control status '{value}'"),
    };
}
