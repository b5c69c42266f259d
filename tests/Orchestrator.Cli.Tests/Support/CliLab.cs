using Orchestrator.Lab;
using Orchestrator.Testing.Labs;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>A lab per test class for the commands that reach hosts (exec, run, sweep). Lab names start with "cl".</summary>
public abstract class CliLab(string purpose, int hosts, Action<LabOptions>? configure = null) : LabFixture("cl" + purpose, hosts, configure);
