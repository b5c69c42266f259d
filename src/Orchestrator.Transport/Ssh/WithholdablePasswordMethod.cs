using Renci.SshNet;

namespace Orchestrator.Transport.Ssh;

/// <summary>
/// Password authentication that sends nothing once <paramref name="withheld"/> says so: the host key check
/// runs during key exchange, after the methods were chosen, and may find the key contradicts known_hosts.
/// </summary>
internal sealed class WithholdablePasswordMethod(string user, string password, Func<bool> withheld)
    : PasswordAuthenticationMethod(user, password)
{
    public override AuthenticationResult Authenticate(Session session) =>
        withheld() ? AuthenticationResult.Failure : base.Authenticate(session);
}
