using Orchestrator.Core.Errors;

namespace Orchestrator.Transport.SshConfig;

/// <summary>One <c>Keyword arguments</c> line of an ssh_config file.</summary>
/// <param name="Keyword">Lower-case keyword.</param>
internal sealed record SshConfigLine(string Keyword, IReadOnlyList<string> Args, SourceLocation Location);
