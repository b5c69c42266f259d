using Orchestrator.Core.Errors;

namespace Orchestrator.Transport.Settings;

/// <param name="Explicit">Named by the user (a missing file is worth a warning) rather than a default ~/.ssh/id_* file.</param>
internal sealed record IdentityFile(string Path, bool Explicit, SourceLocation? Location);
