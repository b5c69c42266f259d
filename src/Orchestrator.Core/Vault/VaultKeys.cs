using System.Security.Cryptography;

namespace Orchestrator.Core.Vault;

/// <summary>
/// The three values Ansible's VaultAES256 derives from a password and salt: PBKDF2-HMAC-SHA256 with 10,000
/// iterations, 80 bytes split into the AES-256 key, the HMAC-SHA256 key and the CTR initial counter.
/// </summary>
internal sealed class VaultKeys
{
    private const int Iterations = 10000;

    private VaultKeys(byte[] aesKey, byte[] hmacKey, byte[] counter)
    {
        AesKey = aesKey;
        HmacKey = hmacKey;
        Counter = counter;
    }

    public byte[] AesKey { get; }

    public byte[] HmacKey { get; }

    public byte[] Counter { get; }

    public static VaultKeys Derive(byte[] password, byte[] salt)
    {
        var derived = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 80);
        return new(derived[..32], derived[32..64], derived[64..80]);
    }

    /// <summary>Keys given directly (tests of the cipher against a reference implementation).</summary>
    internal static VaultKeys FromParts(byte[] aesKey, byte[] hmacKey, byte[] counter) => new(aesKey, hmacKey, counter);
}
