namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// The lab test classes run one after the other (each brings up its own lab): several labs and the commands' timeouts
/// (task timeout, interrupt) would otherwise compete for the two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliLabCollection
{
    public const string Name = "cli-lab";
}
