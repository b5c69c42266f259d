using Orchestrator.Core.Errors;
using Orchestrator.Transport.SshConfig;
using Orchestrator.Transport.Ssh;
using Renci.SshNet;

namespace Orchestrator.Transport.Tests.Ssh;

public sealed class AlgorithmPolicyTests
{
    [Fact]
    public void Apply_Defaults_DropWeakAlgorithmsAndPreferFastKeyExchange()
    {
        var info = Info();

        AlgorithmPolicy.Apply(info, []);

        Assert.Equal(["mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org"], info.KeyExchangeAlgorithms.Keys.Take(3));
        Assert.DoesNotContain(info.KeyExchangeAlgorithms.Keys, k => k.EndsWith("-sha1", StringComparison.Ordinal));
        Assert.DoesNotContain(info.Encryptions.Keys, k => k.EndsWith("-cbc", StringComparison.Ordinal));
        Assert.Equal(["aes128-gcm@openssh.com", "aes256-gcm@openssh.com"], info.Encryptions.Keys.Take(2));
        Assert.DoesNotContain(info.HostKeyAlgorithms.Keys, k => k.Contains("-cert-", StringComparison.Ordinal) || k == "ssh-rsa");
        Assert.Contains("sntrup761x25519-sha512", info.KeyExchangeAlgorithms.Keys);
    }

    [Fact]
    public void Apply_KnownKeyTypes_AskedForFirst()
    {
        var info = Info();

        AlgorithmPolicy.Apply(info, ["ssh-rsa", "ecdsa-sha2-nistp256"]);

        Assert.Equal(["rsa-sha2-512", "rsa-sha2-256", "ecdsa-sha2-nistp256"], info.HostKeyAlgorithms.Keys.Take(3));
    }

    [Theory]
    [InlineData("sntrup761x25519-sha512@openssh.com,curve25519-sha256", new[] { "sntrup761x25519-sha512@openssh.com", "curve25519-sha256" }, 2)]
    [InlineData("^sntrup761x25519-sha512", new[] { "sntrup761x25519-sha512", "mlkem768x25519-sha256" }, -1)]
    [InlineData("-mlkem768x25519-sha256,curve25519-sha256@libssh.org", new[] { "curve25519-sha256", "sntrup761x25519-sha512" }, -1)]
    public void Apply_KexAlgorithms_OpenSshForms(string value, string[] first, int count)
    {
        var info = Info();

        AlgorithmPolicy.Apply(info, [], new ConfigValue<string>(value, new SourceLocation("config", 3, 5)));

        Assert.Equal(first, info.KeyExchangeAlgorithms.Keys.Take(first.Length));
        if (count >= 0)
        {
            Assert.Equal(count, info.KeyExchangeAlgorithms.Count);
        }
    }

    [Fact]
    public void Apply_KexAlgorithmsWithNothingSupported_ErrorAtTheConfigLine()
    {
        var error = Assert.Throws<UserInputException>(() => AlgorithmPolicy.Apply(Info(), [], new ConfigValue<string>("made-up-kex", new SourceLocation("config", 3, 5))));

        Assert.Equal("config:3:5", error.Location.ToString());
    }

    private static ConnectionInfo Info() => new("example", 22, "u", new NoneAuthenticationMethod("u"));
}
