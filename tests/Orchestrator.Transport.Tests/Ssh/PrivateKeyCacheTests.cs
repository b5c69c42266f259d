using Orchestrator.Core.Secrets;
using Orchestrator.Testing;
using Orchestrator.Transport.Settings;
using Orchestrator.Transport.Ssh;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.Ssh;

public sealed class PrivateKeyCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("644", "0644")]
    [InlineData("640", "0640")]
    [InlineData("604", "0604")]
    [InlineData("660", "0660")]
    public async Task Load_KeyAccessibleByOthers_RefusedNamingTheFileAndMode(string mode, string shown)
    {
        var (privatePath, _) = await SshKeys.CreateAsync(_temp.Path, "id_open" + mode, "ed25519");
        File.SetUnixFileMode(privatePath, (UnixFileMode)Convert.ToInt32(mode, 8));
        using var cache = Cache();

        var error = Assert.Throws<KeyLoadException>(() => cache.Load([new IdentityFile(privatePath, false, null)]));

        Assert.Contains("UNPROTECTED PRIVATE KEY FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains($"permissions {shown} for {privatePath}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_KeyReadableByItsOwnerOnly_Loads()
    {
        var (privatePath, _) = await SshKeys.CreateAsync(_temp.Path, "id_private", "ed25519");
        File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var cache = Cache();

        Assert.Single(cache.Load([new IdentityFile(privatePath, true, null)]));
    }

    private static PrivateKeyCache Cache() => new(new NoPassphrase(), new SecretRedactor(), new CapturingLoggerFactory().CreateLogger("test"));

    private sealed class NoPassphrase : IPassphraseProvider
    {
        public Secret? GetPassphrase(string keyFile) => null;
    }
}
