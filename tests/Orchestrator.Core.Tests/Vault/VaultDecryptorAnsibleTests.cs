using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Orchestrator.Testing;

namespace Orchestrator.Core.Tests.Vault;

/// <summary>Decrypting what the real ansible-vault wrote, and ansible-vault decrypting what we wrote.</summary>
[Trait("Requires", "ansible")]
public sealed class VaultDecryptorAnsibleTests : IDisposable
{
    private readonly TempDirectory _dir = new("orchestrator-vault-");

    public VaultDecryptorAnsibleTests()
    {
        _dir.Write("pw-dev", "dev-password\n");
        _dir.Write("pw-prod", "  prod password with spaces \n");
    }

    public void Dispose() => _dir.Dispose();

    private static VaultSecret Secret(string label, string password) => new(label, Encoding.UTF8.GetBytes(password));

    private async Task<string> AnsibleEncryptFile(string content, params string[] passwordArgs)
    {
        var path = _dir.Write($"plain-{Guid.NewGuid():N}.yml", content);
        await AnsibleVaultTool.RunAsync(_dir.Path, ["encrypt", .. passwordArgs, path]);
        return File.ReadAllText(path);
    }

    [Fact]
    public async Task Decrypts_AnsibleVault11File()
    {
        const string content = "esl_password: ClueCon\nlist:\n  - é ü 🎉\n";
        var text = await AnsibleEncryptFile(content, "--vault-password-file", "pw-dev");
        Assert.StartsWith("$ANSIBLE_VAULT;1.1;AES256\n", text, StringComparison.Ordinal);

        var vault = new VaultDecryptor([Secret("default", "dev-password")], new SecretRedactor());
        Assert.Equal(content, vault.DecryptText(text, new SourceLocation("f.yml", 0, 0)));
    }

    [Fact]
    public async Task Decrypts_AnsibleVault12LabelledFile_WithSeveralIds_TryingEveryOne()
    {
        var text = await AnsibleEncryptFile("token: abc123\n", "--vault-id", "prod@pw-prod");
        Assert.StartsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n", text, StringComparison.Ordinal);

        // The prod secret is second; a wrongly labelled secret with the right password decrypts too (Ansible tries all ids).
        var vault = new VaultDecryptor([Secret("dev", "dev-password"), Secret("prod", "prod password with spaces")], new SecretRedactor());
        Assert.Equal("token: abc123\n", vault.DecryptText(text, new SourceLocation("f", 0, 0)));
        var mislabelled = new VaultDecryptor([Secret("dev", "dev-password"), Secret("other", "prod password with spaces")], new SecretRedactor());
        Assert.Equal("token: abc123\n", mislabelled.DecryptText(text, new SourceLocation("f", 0, 0)));
    }

    [Fact]
    public async Task DecryptsEncryptString_AndRegistersTheValueAsASecret()
    {
        var result = await AnsibleVaultTool.RunAsync(_dir.Path, ["encrypt_string", "--vault-password-file", "pw-dev", "--name", "x", "s3cret-value"]);
        var block = result.Stdout.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0);
        var ciphertext = string.Join('\n', block) + "\n";
        var redactor = new SecretRedactor();
        var vault = new VaultDecryptor([Secret("default", "dev-password")], redactor);

        var secret = vault.InlineSecret(ciphertext, new SourceLocation("v.yml", 3, 8));
        Assert.False(secret.IsRevealed);
        Assert.Equal("s3cret-value", secret.Reveal());
        Assert.Equal("x=[REDACTED]", redactor.Redact("x=s3cret-value"));
    }

    [Fact]
    public async Task WrongPassword_IsDecryptionFailedNamingTheFile()
    {
        var text = await AnsibleEncryptFile("a: 1\n", "--vault-password-file", "pw-dev");
        var vault = new VaultDecryptor([Secret("default", "not-it")], new SecretRedactor());
        var ex = Assert.Throws<UserInputException>(() => vault.DecryptText(text, new SourceLocation("group_vars/all.yml", 4, 7)));
        Assert.StartsWith("Decryption failed (no vault secrets were found that could decrypt) on group_vars/all.yml:4:7", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedHmac_IsRefused()
    {
        var text = await AnsibleEncryptFile("a: 1\n", "--vault-password-file", "pw-dev");
        var envelope = VaultEnvelope.Parse(text, default);
        envelope.Hmac[0] ^= 1;
        var vault = new VaultDecryptor([Secret("default", "dev-password")], new SecretRedactor());
        var ex = Assert.Throws<UserInputException>(() => vault.DecryptText(envelope.Format(), new SourceLocation("t.yml", 0, 0)));
        Assert.Contains("Decryption failed", ex.Message, StringComparison.Ordinal);

        var flipped = VaultEnvelope.Parse(text, default);
        flipped.Ciphertext[^1] ^= 1;
        Assert.Throws<UserInputException>(() => vault.DecryptText(flipped.Format(), new SourceLocation("t.yml", 0, 0)));
    }

    [Fact]
    public async Task TruncatedBody_IsAFormatErrorNamingTheFile()
    {
        var text = await AnsibleEncryptFile("a: 1\n", "--vault-password-file", "pw-dev");
        var lines = text.Split('\n');
        var vault = new VaultDecryptor([Secret("default", "dev-password")], new SecretRedactor());
        var ex = Assert.Throws<UserInputException>(() => vault.DecryptText(string.Join('\n', lines.Take(2)), new SourceLocation("cut.yml", 0, 0)));
        Assert.StartsWith("cut.yml: Vault format error:", ex.Message, StringComparison.Ordinal);
        var oddHex = Assert.Throws<UserInputException>(() => vault.DecryptText(text.TrimEnd('\n')[..^1], new SourceLocation("cut.yml", 0, 0)));
        Assert.Contains("not valid hex", oddHex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default", "--vault-password-file", "pw-dev", "$ANSIBLE_VAULT;1.1;AES256\n")]
    [InlineData("prod", "--vault-id", "prod@pw-prod", "$ANSIBLE_VAULT;1.2;AES256;prod\n")]
    public async Task OurEncryption_DecryptsWithAnsibleVault(string label, string option, string value, string header)
    {
        var password = label == "prod" ? "prod password with spaces" : "dev-password";
        var plaintext = "key: value\nmultibyte: ✓\n" + new string('x', 300) + "\n";
        var text = VaultDecryptor.Encrypt(Encoding.UTF8.GetBytes(plaintext), Secret(label, password));
        Assert.StartsWith(header, text, StringComparison.Ordinal);
        Assert.All(text.Split('\n').Skip(1).SkipLast(1), line => Assert.True(line.Length is > 0 and <= 80));
        var path = _dir.Write("ours.yml", text);

        var result = await AnsibleVaultTool.RunAsync(_dir.Path, ["view", option, value, path]);
        Assert.Equal(plaintext, result.Stdout);
    }
}
