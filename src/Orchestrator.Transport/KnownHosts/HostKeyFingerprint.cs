using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Transport.KnownHosts;

internal static class HostKeyFingerprint
{
    /// <summary>OpenSSH's <c>SHA256:base64</c> form (no padding), as printed by <c>ssh-keygen -lf</c>.</summary>
    public static string Sha256(byte[] keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The key type written at the start of an SSH public key blob, or null when the blob is malformed.</summary>
    public static string? KeyTypeOf(byte[] keyBlob)
    {
        if (keyBlob.Length < 4)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(keyBlob);
        if (length == 0 || length > 64 || 4 + length > keyBlob.Length)
        {
            return null;
        }

        return Encoding.ASCII.GetString(keyBlob, 4, (int)length);
    }
}
