namespace Orchestrator.Cli.Tests.Support;

/// <summary>Tests that swap Console.Out/Error run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
