using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;

namespace Orchestrator.Cli.Commands.Vault;

/// <summary>
/// The work of <c>orchestrator vault</c>, as ansible-vault does it: files rewritten atomically (a temporary file in
/// the same directory, renamed over) with their mode kept; '-' or no file is stdin/stdout.
/// </summary>
internal sealed class VaultFiles(VaultFilesSettings settings, Stream stdin, TextWriter stdout, TextWriter stderr)
{
    private readonly VaultDecryptor _vault = settings.CreateVault(CommandConfiguration.Load(stderr), Output.CliSecrets.Current);

    private IReadOnlyList<string> Inputs => settings.Files.Length == 0 ? ["-"] : settings.Files;

    public int Encrypt()
    {
        var secret = EncryptSecret(_vault.Secrets, settings.EncryptVaultId);
        foreach (var file in Inputs)
        {
            var plaintext = Read(file);
            if (plaintext.AsSpan().StartsWith("$ANSIBLE_VAULT"u8))
            {
                throw new UserInputException($"{Name(file)}: input is already encrypted");
            }

            Write(file, Encoding.ASCII.GetBytes(VaultDecryptor.Encrypt(plaintext, secret)));
        }

        stderr.WriteLine("Encryption successful");
        return 0;
    }

    public int Decrypt()
    {
        foreach (var file in Inputs)
        {
            Write(file, DecryptFile(file));
        }

        stderr.WriteLine("Decryption successful");
        return 0;
    }

    public int View()
    {
        foreach (var file in Inputs)
        {
            var plaintext = DecryptFile(file);
            stdout.Write(Encoding.UTF8.GetString(plaintext));
        }

        stdout.Flush();
        return 0;
    }

    public int Rekey(VaultSecret newSecret)
    {
        foreach (var file in settings.Files)
        {
            Write(file, Encoding.ASCII.GetBytes(VaultDecryptor.Encrypt(DecryptFile(file), newSecret)));
        }

        stderr.WriteLine("Rekey successful");
        return 0;
    }

    public int EncryptStrings(VaultEncryptStringSettings strings)
    {
        var secret = EncryptSecret(_vault.Secrets, settings.EncryptVaultId);
        var values = new List<(string? Name, string Value)>();
        if (strings.StdinName is not null || settings.Files.Length == 0 || settings.Files is ["-"])
        {
            using var reader = new StreamReader(stdin, Encoding.UTF8);
            values.Add((strings.StdinName ?? strings.Names.FirstOrDefault(), reader.ReadToEnd()));
        }
        else
        {
            values.AddRange(settings.Files.Select((v, i) => (i < strings.Names.Length ? strings.Names[i] : null, v)));
        }

        foreach (var (name, value) in values)
        {
            var envelope = VaultDecryptor.Encrypt(Encoding.UTF8.GetBytes(value), secret);
            var indented = string.Concat(envelope.TrimEnd('\n').Split('\n').Select(line => "\n          " + line));
            stdout.Write((name is null ? string.Empty : name + ": ") + "!vault |" + indented + "\n");
        }

        stdout.Flush();
        stderr.WriteLine("Encryption successful");
        return 0;
    }

    /// <summary>The secret to encrypt with: --encrypt-vault-id's, else the only one given (ansible-vault's rule).</summary>
    public static VaultSecret EncryptSecret(IReadOnlyList<VaultSecret> secrets, string? encryptVaultId)
    {
        if (encryptVaultId is not null)
        {
            return secrets.FirstOrDefault(s => s.Label == encryptVaultId)
                ?? throw new UserInputException($"Did not find a match for --encrypt-vault-id={encryptVaultId} in the known vault-ids [{string.Join(", ", secrets.Select(s => s.Label))}]");
        }

        return secrets.Count switch
        {
            0 => throw new UserInputException("A vault password is required to encrypt: give --vault-password-file, --vault-id or --ask-vault-pass"),
            1 => secrets[0],
            _ => throw new UserInputException($"The vault-ids {string.Join(",", secrets.Select(s => s.Label))} are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id"),
        };
    }

    private byte[] DecryptFile(string file)
    {
        var text = Encoding.UTF8.GetString(Read(file));
        if (!VaultEnvelope.IsEncrypted(text))
        {
            throw new UserInputException($"input is not vault encrypted data. {Name(file)} is not a vault encrypted file");
        }

        return _vault.DecryptBytes(text, new SourceLocation(Name(file), 0, 0));
    }

    private static string Name(string file) => file == "-" ? "<stdin>" : file;

    private byte[] Read(string file)
    {
        if (file == "-")
        {
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return buffer.ToArray();
        }

        if (InputPath.FileProblem(file) is { } problem)
        {
            throw new UserInputException($"the file '{file}' {problem}");
        }

        return File.ReadAllBytes(file);
    }

    private void Write(string input, byte[] content)
    {
        var target = settings.Output ?? input;
        if (target == "-")
        {
            stdout.Flush();
            using var raw = Console.OpenStandardOutput();
            raw.Write(content);
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            throw new UserInputException("orchestrator vault rewrites files on Linux and macOS only");
        }

        var full = Path.GetFullPath(target);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        var mode = File.Exists(full) ? File.GetUnixFileMode(full) : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.SetUnixFileMode(temporary, mode);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new UserInputException($"cannot write '{target}': {ex.Message}");
        }
    }
}
