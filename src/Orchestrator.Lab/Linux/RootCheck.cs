using Orchestrator.Core.Errors;

namespace Orchestrator.Lab.Linux;

/// <summary>The lab creates namespaces, mounts and veths: it needs root, and says so plainly when it is not.</summary>
internal static class RootCheck
{
    public static void EnsureRoot(string action) => EnsureRoot(action, NativeMethods.GetEffectiveUserId());

    internal static void EnsureRoot(string action, uint effectiveUserId)
    {
        if (effectiveUserId != 0)
        {
            throw new UserInputException(
                $"`lab {action}` needs root: it creates network and mount namespaces, veth links and mounts, " +
                $"and starts an sshd per host (effective uid is {effectiveUserId}). Run it as root, e.g. with sudo.");
        }
    }
}
