namespace Orchestrator.Testing;

/// <summary>Key pairs made with the real ssh-keygen.</summary>
public static class SshKeys
{
    /// <param name="type">ed25519, ecdsa or rsa.</param>
    /// <param name="pem">Write the private key in PEM (PKCS#1) form instead of OpenSSH's format.</param>
    public static async Task<(string PrivatePath, string PublicLine)> CreateAsync(string directory, string name, string type, string passphrase = "", bool pem = false)
    {
        var path = Path.Combine(directory, name);
        var args = new List<string> { "-q", "-t", type, "-N", passphrase, "-C", name, "-f", path };
        if (type == "rsa")
        {
            args.InsertRange(0, ["-b", "3072"]);
        }

        if (pem)
        {
            args.InsertRange(0, ["-m", "PEM"]);
        }

        var result = await ProcessRunner.RunAsync("ssh-keygen", args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed (is openssh-client installed?): {result.Stderr}");
        }

        return (path, (await File.ReadAllTextAsync(path + ".pub")).Trim());
    }
}
