using Microsoft.Extensions.Logging;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Transport.Settings;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Orchestrator.Transport.Ssh;

/// <summary>
/// Loads private key files once per run (decrypting a bcrypt-protected key is slow, and a prompt must
/// not repeat for every host). Missing default keys are skipped quietly, missing or unreadable named
/// keys with a warning; a named key that cannot be decrypted fails the hosts that use it.
/// </summary>
internal sealed class PrivateKeyCache : IDisposable
{
    private readonly IPassphraseProvider _passphrases;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly Dictionary<string, object?> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public PrivateKeyCache(IPassphraseProvider passphrases, SecretRedactor redactor, ILogger logger)
    {
        _passphrases = passphrases;
        _redactor = redactor;
        _logger = logger;
    }

    /// <exception cref="KeyLoadException">A key file needs a passphrase that is wrong, or group or others can access it.</exception>
    public List<IPrivateKeySource> Load(IReadOnlyList<IdentityFile> files)
    {
        var keys = new List<IPrivateKeySource>();
        foreach (var file in files)
        {
            object? entry;
            lock (_gate)
            {
                if (!_cache.TryGetValue(file.Path, out entry))
                {
                    entry = LoadOne(file);
                    _cache[file.Path] = entry;
                }
            }

            switch (entry)
            {
                case PrivateKeyFile key:
                    keys.Add(key);
                    break;
                case KeyLoadException failure:
                    throw failure;
            }
        }

        return keys;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _cache.Values.OfType<PrivateKeyFile>())
            {
                key.Dispose();
            }

            _cache.Clear();
        }
    }

    private object? LoadOne(IdentityFile file)
    {
        byte[] bytes;
        if (Directory.Exists(file.Path))
        {
            _logger.LogWarning("identity file {File}{Where} {Problem}; it is skipped.", file.Path, Where(file), InputPath.IsADirectory);
            return null;
        }

        try
        {
            bytes = File.ReadAllBytes(file.Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            if (file.Explicit)
            {
                _logger.LogWarning("identity file {File} does not exist{Where}; it is skipped.", file.Path, Where(file));
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("cannot read identity file {File}{Where}: {Error}; it is skipped.", file.Path, Where(file), ex.Message);
            return null;
        }

        if (TooOpen(file.Path) is { } mode)
        {
            // As OpenSSH: a key others can read is refused, not silently used (it may already be compromised).
            return new KeyLoadException(
                $"UNPROTECTED PRIVATE KEY FILE: permissions {mode} for {file.Path}{Where(file)} are too open; a private key must not be accessible by group or others " +
                $"(chmod 600 {file.Path}). It was not used.");
        }

        try
        {
            return new PrivateKeyFile(new MemoryStream(bytes));
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            // Encrypted: ask for the passphrase below.
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException or System.Security.Cryptography.CryptographicException)
        {
            _logger.LogWarning("identity file {File} is not a private key SSH.NET can read ({Error}); it is skipped.", file.Path, ex.Message);
            return null;
        }

        var passphrase = _passphrases.GetPassphrase(file.Path);
        if (passphrase is null)
        {
            _logger.LogWarning(
                "identity file {File} is encrypted and no passphrase is available (set {Variable}, or run on a terminal to be asked); it is skipped.",
                file.Path,
                EnvironmentPassphraseProvider.VariableName);
            return null;
        }

        _redactor.Add(passphrase);
        try
        {
            return new PrivateKeyFile(new MemoryStream(bytes), passphrase.Reveal());
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException or System.Security.Cryptography.CryptographicException or IndexOutOfRangeException)
        {
            return new KeyLoadException($"cannot decrypt identity file {file.Path}: the passphrase is wrong or the key format is not supported ({_redactor.Redact(ex.Message)}).");
        }
    }

    /// <returns>The octal mode (e.g. 0644) when group or others have any access, else null.</returns>
    private static string? TooOpen(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (mode & others) == 0 ? null : "0" + Convert.ToString((int)mode & 0xFFF, 8).PadLeft(3, '0');
    }

    private static string Where(IdentityFile file) => file.Location is { } l ? $" (from {l})" : string.Empty;
}
