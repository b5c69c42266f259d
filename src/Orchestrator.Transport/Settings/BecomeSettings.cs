using Orchestrator.Core.Secrets;

namespace Orchestrator.Transport.Settings;

/// <param name="Flags">sudo flags (ansible_become_flags), default <c>-H -S -n</c>; <c>-n</c> is dropped when a password is set.</param>
internal sealed record BecomeSettings(bool Enabled, string User, Secret? Password, string Executable, IReadOnlyList<string> Flags)
{
    public static BecomeSettings Default { get; } = new(false, "root", null, "sudo", ["-H", "-S", "-n"]);
}
