using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Vault;

/// <summary>
/// The vault passwords of one run, shared by every reader (inventory, playbooks, vars files, policies, copy and
/// template sources). It tries the secret whose id matches the envelope's label first, then the others (Ansible
/// with the default <c>vault_id_match = False</c>), caches derived keys per (password, salt), and registers what
/// it decrypts with the run's <see cref="SecretRedactor"/>.
/// </summary>
public sealed class VaultDecryptor
{
    public const string NoSecretsMessage = "Attempting to decrypt but no vault secrets found (found no vault password; expected --vault-password-file, --vault-id, --ask-vault-pass or vault_password_file in ansible.cfg)";

    private readonly IReadOnlyList<VaultSecret> _secrets;
    private readonly ConcurrentDictionary<(VaultSecret Secret, string Salt), Lazy<VaultKeys>> _keys = new();
    private int _derivations;

    public VaultDecryptor(IReadOnlyList<VaultSecret> secrets, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(redactor);
        _secrets = secrets;
        Redactor = redactor;
    }

    /// <summary>No passwords: any decryption fails with <see cref="NoSecretsMessage"/>.</summary>
    public static VaultDecryptor None { get; } = new([], SecretRedactor.Empty);

    public IReadOnlyList<VaultSecret> Secrets => _secrets;

    public SecretRedactor Redactor { get; }

    /// <summary>Derivations done so far (cache misses), for tests of the key cache.</summary>
    public int KeyDerivations => _derivations;

    /// <summary>Decrypts a whole envelope; <paramref name="where"/> names the file (and line) in errors.</summary>
    public byte[] DecryptBytes(string vaultText, SourceLocation where)
    {
        ArgumentNullException.ThrowIfNull(vaultText);
        // Ansible checks for secrets before it parses the envelope (VaultLib.decrypt_and_get_vault_id).
        if (_secrets.Count == 0)
        {
            throw new UserInputException(NoSecretsMessage, where);
        }

        var envelope = VaultEnvelope.Parse(vaultText, where);

        var label = envelope.Label ?? VaultSecret.DefaultLabel;
        foreach (var secret in _secrets.Where(s => s.Label == label).Concat(_secrets.Where(s => s.Label != label)))
        {
            if (VaultCipher.Decrypt(envelope, Keys(secret, envelope.Salt)) is { } plaintext)
            {
                return plaintext;
            }
        }

        // Ansible's wording; the location is part of the sentence, so it is not repeated as a prefix.
        throw new UserInputException(
            $"Decryption failed (no vault secrets were found that could decrypt) on {where}; tried the vault id(s) {string.Join(", ", _secrets.Select(s => s.Label).Distinct())}");
    }

    /// <summary>Decrypts a whole file's text (UTF-8). The caller registers the values it parses from it (<see cref="RegisterSecrets"/>).</summary>
    public string DecryptText(string vaultText, SourceLocation where) => Utf8(DecryptBytes(vaultText, where), where);

    /// <summary>Decrypts one inline value and registers it as a secret.</summary>
    public string DecryptValue(string vaultText, SourceLocation where)
    {
        var value = DecryptText(vaultText, where);
        Redactor.Add(value);
        return value;
    }

    /// <summary>An inline <c>!vault</c> value as a <see cref="Secret"/> decrypted on first use (Ansible's AnsibleVaultEncryptedUnicode).</summary>
    public Secret InlineSecret(string vaultText, SourceLocation where) => new(() => DecryptValue(vaultText, where));

    /// <summary>Registers every value of a decrypted vars file (strings at any depth) as a secret.</summary>
    public void RegisterSecrets(object? data) => SecretCollector.AddValue(Redactor, data);

    /// <summary>Encrypts with one secret, as <c>ansible-vault encrypt</c> (a fresh 32-byte salt); the envelope text.</summary>
    public static string Encrypt(byte[] plaintext, VaultSecret secret)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(32);
        var (ciphertext, hmac) = VaultCipher.Encrypt(plaintext, VaultKeys.Derive(secret.Password, salt));
        return new VaultEnvelope { Version = "1.1", Label = secret.Label, Salt = salt, Hmac = hmac, Ciphertext = ciphertext }.Format();
    }

    // Thread-safe (values decrypt in parallel): the Lazy makes two threads needing the same key derive it once.
    private VaultKeys Keys(VaultSecret secret, byte[] salt) =>
        _keys.GetOrAdd((secret, Convert.ToHexString(salt)), key => new Lazy<VaultKeys>(
            () =>
            {
                Interlocked.Increment(ref _derivations);
                return VaultKeys.Derive(key.Secret.Password, salt);
            },
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static string Utf8(byte[] bytes, SourceLocation where)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new UserInputException("the decrypted vault data is not UTF-8 text", where);
        }
    }
}
