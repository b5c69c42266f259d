using Orchestrator.Testing;
using Orchestrator.Transport.KnownHosts;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.KnownHosts;

public sealed class HostKeyVerifierTests : IDisposable
{
    private const string Ed25519A = "AAAAC3NzaC1lZDI1NTE5AAAAIOxaBGPTcaY1AFuJJ5lNubN3TH3jq8yQj/aEYWxwEd3/";
    private const string Ed25519B = "AAAAC3NzaC1lZDI1NTE5AAAAIM3fEZWWqkLh1ugM6krgWFWm0P5anXseKoy0qhepE6vA";
    private readonly TempDirectory _temp = new();
    private readonly CapturingLoggerFactory _log = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Verify_AcceptNew_AppendsToTheFirstUserFileOnlyOnce()
    {
        var first = _temp.Write("kh1", "existing ssh-ed25519 " + Ed25519B); // no trailing newline
        var second = _temp.Write("kh2", string.Empty);
        var verifier = Verifier();
        var policy = new HostKeyPolicy(HostKeyChecking.AcceptNew, [first, second], [], false);

        var verdict1 = verifier.Verify(policy, "web1", "10.0.0.5", 2222, Convert.FromBase64String(Ed25519A));
        var verdict2 = verifier.Verify(policy, "web1 again", "10.0.0.5", 2222, Convert.FromBase64String(Ed25519A));

        Assert.True(verdict1.Trusted);
        Assert.True(verdict2.Trusted);
        Assert.Equal($"existing ssh-ed25519 {Ed25519B}\n[10.0.0.5]:2222 ssh-ed25519 {Ed25519A}\n", File.ReadAllText(first));
        Assert.Equal(string.Empty, File.ReadAllText(second));
    }

    [Fact]
    public void Verify_AcceptNewConcurrently_WritesOneWholeLinePerHost()
    {
        var file = _temp.Combine("new-dir/known_hosts");
        var verifier = Verifier();
        var policy = new HostKeyPolicy(HostKeyChecking.AcceptNew, [file], [], false);

        Parallel.For(0, 40, i => Assert.True(verifier.Verify(policy, $"h{i}", $"10.0.1.{i}", 22, Convert.FromBase64String(Ed25519A)).Trusted));

        var lines = File.ReadAllLines(file);
        Assert.Equal(40, lines.Length);
        Assert.Equal(40, lines.Distinct().Count());
        Assert.All(lines, l => Assert.Matches($"^10\\.0\\.1\\.\\d+ ssh-ed25519 {System.Text.RegularExpressions.Regex.Escape(Ed25519A)}$", l));
        Assert.Equal(Convert.ToInt32("600", 8), (int)File.GetUnixFileMode(file));
    }

    [Fact]
    public void Verify_Strict_UnknownNamesFingerprintAndFiles()
    {
        var file = _temp.Write("kh", string.Empty);
        var verdict = Verifier().Verify(new HostKeyPolicy(HostKeyChecking.Strict, [file], ["/etc/ssh/none"], false), "web1", "10.0.0.5", 22, Convert.FromBase64String(Ed25519A));

        Assert.False(verdict.Trusted);
        Assert.Contains(HostKeyFingerprint.Sha256(Convert.FromBase64String(Ed25519A)), verdict.Failure, StringComparison.Ordinal);
        Assert.Contains($"{file}, /etc/ssh/none", verdict.Failure, StringComparison.Ordinal);
        Assert.Contains("web1 (10.0.0.5)", verdict.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_GlobalFile_TrustsButIsNeverWritten()
    {
        var global = _temp.Write("global", $"10.0.0.5 ssh-ed25519 {Ed25519A}\n");
        var user = _temp.Combine("user");
        var verdict = Verifier().Verify(new HostKeyPolicy(HostKeyChecking.AcceptNew, [user], [global], false), "web1", "10.0.0.5", 22, Convert.FromBase64String(Ed25519A));

        Assert.True(verdict.Trusted);
        Assert.False(File.Exists(user));
    }

    [Fact]
    public void Verify_Off_TrustsUnknownAndChangedKeys()
    {
        var file = _temp.Write("kh", $"10.0.0.5 ssh-ed25519 {Ed25519B}\n");
        var verifier = Verifier();
        var policy = new HostKeyPolicy(HostKeyChecking.Off, [file], [], false);

        Assert.True(verifier.Verify(policy, "web1", "10.0.0.5", 22, Convert.FromBase64String(Ed25519A)).Trusted);
        Assert.True(verifier.Verify(policy, "web2", "10.0.0.6", 22, Convert.FromBase64String(Ed25519A)).Trusted);
        Assert.Equal($"10.0.0.5 ssh-ed25519 {Ed25519B}\n", File.ReadAllText(file));
    }

    [Fact]
    public void KnownKeyTypes_ListsTheTypesRecordedForTheHost()
    {
        var file = _temp.Write("kh", $"10.0.0.5 ssh-ed25519 {Ed25519A}\nother ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ==\n");

        Assert.Equal(["ssh-ed25519"], Verifier().KnownKeyTypes(new HostKeyPolicy(HostKeyChecking.Strict, [file], [], false), "10.0.0.5", 22));
    }

    private HostKeyVerifier Verifier() => new(new KnownHostsStore(), _log.CreateLogger("test"));
}
