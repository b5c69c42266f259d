using Renci.SshNet;

namespace Orchestrator.Transport.Ssh;

/// <summary>Keyboard-interactive authentication that sends nothing once <paramref name="withheld"/> says so (see <see cref="WithholdablePasswordMethod"/>).</summary>
internal sealed class WithholdableKeyboardInteractiveMethod(string user, Func<bool> withheld)
    : KeyboardInteractiveAuthenticationMethod(user)
{
    public override AuthenticationResult Authenticate(Session session) =>
        withheld() ? AuthenticationResult.Failure : base.Authenticate(session);
}
