using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Orchestrator.Core.Vault;

/// <summary>
/// AES-256-CTR with an HMAC-SHA256 over the ciphertext and PKCS#7 padding, as Ansible's VaultAES256. .NET has
/// no CTR mode, so the keystream is AES-ECB of the big-endian 128-bit counter blocks.
/// </summary>
internal static class VaultCipher
{
    private const int Block = 16;

    public static (byte[] Ciphertext, byte[] Hmac) Encrypt(byte[] plaintext, VaultKeys keys)
    {
        var pad = Block - (plaintext.Length % Block);
        var padded = new byte[plaintext.Length + pad];
        plaintext.CopyTo(padded, 0);
        padded.AsSpan(plaintext.Length).Fill((byte)pad);
        var ciphertext = Ctr(padded, keys);
        return (ciphertext, HMACSHA256.HashData(keys.HmacKey, ciphertext));
    }

    /// <summary>The plaintext, or null when the HMAC does not match (wrong password or tampered data) or the padding is bad.</summary>
    public static byte[]? Decrypt(VaultEnvelope envelope, VaultKeys keys)
    {
        var expected = HMACSHA256.HashData(keys.HmacKey, envelope.Ciphertext);
        if (!CryptographicOperations.FixedTimeEquals(expected, envelope.Hmac))
        {
            return null;
        }

        var padded = Ctr(envelope.Ciphertext, keys);
        if (padded.Length == 0 || padded.Length % Block != 0)
        {
            return null;
        }

        var pad = padded[^1];
        if (pad is 0 or > Block || padded.AsSpan(padded.Length - pad).ContainsAnyExcept(pad))
        {
            return null;
        }

        return padded[..^pad];
    }

    /// <summary>CTR mode: XOR with AES-ECB(counter), the counter a 128-bit big-endian integer incremented per block.</summary>
    internal static byte[] Ctr(byte[] input, VaultKeys keys)
    {
        using var aes = Aes.Create();
        aes.Key = keys.AesKey;
        var blocks = (input.Length + Block - 1) / Block;
        var counters = new byte[blocks * Block];
        var hi = BinaryPrimitives.ReadUInt64BigEndian(keys.Counter);
        var lo = BinaryPrimitives.ReadUInt64BigEndian(keys.Counter.AsSpan(8));
        for (var i = 0; i < blocks; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(counters.AsSpan(i * Block), hi);
            BinaryPrimitives.WriteUInt64BigEndian(counters.AsSpan((i * Block) + 8), lo);
            lo++;
            if (lo == 0)
            {
                hi++;
            }
        }

        var stream = aes.EncryptEcb(counters, PaddingMode.None);
        var output = new byte[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = (byte)(input[i] ^ stream[i]);
        }

        return output;
    }
}
