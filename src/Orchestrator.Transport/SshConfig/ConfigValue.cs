using Orchestrator.Core.Errors;

namespace Orchestrator.Transport.SshConfig;

/// <summary>A value from ssh_config with the line it came from (for error messages).</summary>
internal sealed record ConfigValue<T>(T Value, SourceLocation Location);
