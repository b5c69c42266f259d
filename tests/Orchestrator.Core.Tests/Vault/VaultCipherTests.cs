using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Orchestrator.Testing;

namespace Orchestrator.Core.Tests.Vault;

public sealed class VaultCipherTests
{
    private static VaultSecret Secret(string label, string password) => new(label, Encoding.UTF8.GetBytes(password));

    [Fact]
    [Trait("Requires", "ansible")]
    public async Task Ctr_MatchesPythonCryptography_AcrossA64BitCounterCarry()
    {
        // The counter's low 64 bits are all ones, so the second block carries into the high half.
        var counter = Convert.FromHexString("0011223344556677ffffffffffffffff");
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var input = Encoding.ASCII.GetBytes(new string('a', 40));
        var script = """
            import sys
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            key, iv, data = (bytes.fromhex(x) for x in sys.stdin.read().split())
            e = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
            print((e.update(data) + e.finalize()).hex())
            """;
        var expected = (await AnsibleTools.RunPythonAsync(script, $"{Convert.ToHexString(key)} {Convert.ToHexString(counter)} {Convert.ToHexString(input)}")).Trim();

        var keys = VaultKeysFor(key, counter);
        Assert.Equal(expected, Convert.ToHexStringLower(VaultCipher.Ctr(input, keys)));
    }

    private static VaultKeys VaultKeysFor(byte[] aesKey, byte[] counter) => VaultKeys.FromParts(aesKey, new byte[32], counter);

    [Fact]
    public void EncryptThenDecrypt_RoundTrips_AndEachEncryptionHasItsOwnSalt()
    {
        var secret = Secret("default", "pw");
        var a = VaultDecryptor.Encrypt("hello"u8.ToArray(), secret);
        var b = VaultDecryptor.Encrypt("hello"u8.ToArray(), secret);
        Assert.NotEqual(a, b);
        var vault = new VaultDecryptor([secret], new SecretRedactor());
        Assert.Equal("hello", vault.DecryptText(a, default));
        Assert.Equal("hello", vault.DecryptText(b, default));
    }

    [Fact]
    public void DerivedKeys_AreCachedPerPasswordAndSalt()
    {
        var secret = Secret("default", "pw");
        var text = VaultDecryptor.Encrypt("x"u8.ToArray(), secret);
        var other = VaultDecryptor.Encrypt("y"u8.ToArray(), secret);
        var vault = new VaultDecryptor([secret], new SecretRedactor());
        vault.DecryptText(text, default);
        vault.DecryptText(text, default);
        Assert.Equal(1, vault.KeyDerivations);
        vault.DecryptText(other, default);
        Assert.Equal(2, vault.KeyDerivations);
    }

    [Fact]
    public void NoSecrets_IsAnsiblesMessage()
    {
        var text = VaultDecryptor.Encrypt("x"u8.ToArray(), Secret("default", "pw"));
        var ex = Assert.Throws<UserInputException>(() => VaultDecryptor.None.DecryptText(text, new SourceLocation("hosts.yml", 3, 12)));
        // Ansible's sentence first, then what to pass.
        Assert.StartsWith("hosts.yml:3:12: Attempting to decrypt but no vault secrets found (", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--vault-password-file", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$ANSIBLE_VAULT;1.1;AES256\nzz11\n", "not valid hex")]
    [InlineData("$ANSIBLE_VAULT;1.1;AES256\n6162630a6465660a\n", "truncated")]
    [InlineData("$ANSIBLE_VAULT;1.3;AES256\n00\n", "version '1.3'")]
    [InlineData("$ANSIBLE_VAULT;1.1;DES\n00\n", "DES cipher could not be found")]
    [InlineData("$ANSIBLE_VAULT\n00\n", "expected a header")]
    public void MalformedEnvelopes_AreClearFormatErrors(string text, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => VaultEnvelope.Parse(text, new SourceLocation("bad.yml", 2, 3)));
        Assert.StartsWith("bad.yml:2:3: Vault format error: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPadding_AfterAValidHmac_IsRefused()
    {
        var secret = Secret("default", "pw");
        var envelope = VaultEnvelope.Parse(VaultDecryptor.Encrypt("abc"u8.ToArray(), secret), default);
        var keys = VaultKeys.Derive(secret.Password, envelope.Salt);
        var garbled = VaultCipher.Ctr(new byte[16], keys);
        var forged = new VaultEnvelope
        {
            Version = "1.1",
            Salt = envelope.Salt,
            Ciphertext = garbled,
            Hmac = System.Security.Cryptography.HMACSHA256.HashData(keys.HmacKey, garbled),
        };
        Assert.Null(VaultCipher.Decrypt(forged, keys));
    }
}
