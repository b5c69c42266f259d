using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.Reports;

/// <summary>One <c>--report</c> value: <c>cli</c>, <c>json:PATH</c>, <c>junit:PATH</c> or <c>html:PATH</c>.</summary>
public sealed record ReportSpec(ReportFormat Format, string? Path)
{
    public static ReportSpec Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? value : value[..colon];
        var path = colon < 0 ? null : value[(colon + 1)..];
        var format = kind switch
        {
            "cli" => ReportFormat.Cli,
            "json" => ReportFormat.Json,
            "junit" => ReportFormat.Junit,
            "html" => ReportFormat.Html,
            _ => throw new UserInputException($"--report '{value}': unknown report '{kind}'; expected cli, json:PATH, junit:PATH or html:PATH"),
        };
        if (format == ReportFormat.Cli)
        {
            return path is null ? new ReportSpec(format, null) : throw new UserInputException($"--report '{value}': the cli report prints to the console and takes no path");
        }

        return string.IsNullOrWhiteSpace(path)
            ? throw new UserInputException($"--report '{value}': expected {kind}:PATH, e.g. {kind}:out.{(format == ReportFormat.Junit ? "xml" : kind)}")
            : new ReportSpec(format, path);
    }

    public override string ToString() => Path is null ? Format.ToString().ToLowerInvariant() : $"{Format.ToString().ToLowerInvariant()}:{Path}";
}
