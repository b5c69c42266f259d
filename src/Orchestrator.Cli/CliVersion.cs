using System.Reflection;

namespace Orchestrator.Cli;

/// <summary>What <c>orchestrator --version</c> prints.</summary>
internal static class CliVersion
{
    /// <summary>
    /// The informational version the build stamps: the project version, then <c>+</c> and the git commit when built
    /// in a git checkout (the SDK's source-revision stamping; a build from an exported tree shows the version alone).
    /// </summary>
    public static string Version { get; } =
        typeof(CliVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>"orchestrator 1.0.0+3f2c...", as <c>--version</c> and <c>-V</c> print it.</summary>
    public static string Line => $"orchestrator {Version}";
}
