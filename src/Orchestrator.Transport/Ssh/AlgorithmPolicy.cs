using Renci.SshNet;

namespace Orchestrator.Transport.Ssh;

/// <summary>
/// Trims SSH.NET's algorithm lists to what OpenSSH 9 offers by default (no SHA-1 key exchange, no CBC or
/// 3DES, no SHA-1 RSA signatures) and, like OpenSSH, asks first for host key types that known_hosts
/// already holds for the host, so a host with several keys presents the one we can check.
/// </summary>
internal static class AlgorithmPolicy
{
    private static readonly string[] WeakKeyExchanges = ["diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1"];
    private static readonly string[] WeakCiphers = ["aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"];

    public static void Apply(ConnectionInfo info, IReadOnlyList<string> knownKeyTypes)
    {
        foreach (var name in WeakKeyExchanges)
        {
            info.KeyExchangeAlgorithms.Remove(name, out _);
        }

        foreach (var name in WeakCiphers)
        {
            info.Encryptions.Remove(name, out _);
        }

        // Certificates are not checked against @cert-authority lines, and ssh-rsa means SHA-1 signatures.
        foreach (var name in info.HostKeyAlgorithms.Keys.Where(k => k.Contains("-cert-", StringComparison.Ordinal) || k == "ssh-rsa").ToList())
        {
            info.HostKeyAlgorithms.Remove(name, out _);
        }

        var position = 0;
        foreach (var keyType in knownKeyTypes)
        {
            string[] algorithms = keyType == "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256"] : [keyType];
            foreach (var algorithm in algorithms)
            {
                if (info.HostKeyAlgorithms.ContainsKey(algorithm))
                {
                    info.HostKeyAlgorithms.SetPosition(algorithm, position++);
                }
            }
        }
    }
}
