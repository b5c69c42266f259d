using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Transport.KnownHosts;

/// <summary>
/// Parsed known_hosts files shared by every connection of a run (re-read when a file changes on disk),
/// and the one place that appends to them.
/// </summary>
internal sealed class KnownHostsStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTime Written, long Length, KnownHostsFile File)> _cache = new(StringComparer.Ordinal);

    public KnownHostsFile Get(string path)
    {
        var info = new FileInfo(path);
        var written = info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue;
        var length = info.Exists ? info.Length : -1;
        lock (_gate)
        {
            if (_cache.TryGetValue(path, out var cached) && cached.Written == written && cached.Length == length)
            {
                return cached.File;
            }
        }

        var file = KnownHostsFile.Load(path);
        lock (_gate)
        {
            _cache[path] = (written, length, file);
        }

        return file;
    }

    /// <summary>
    /// Records a newly accepted key (accept-new). Serialised within the process, re-checked under the lock
    /// (two inventory names for one host must not add it twice), and written with one append-mode write
    /// followed by fsync, so concurrent runs never interleave or truncate the file.
    /// </summary>
    /// <returns>The line number of the new entry.</returns>
    public int Append(string path, string hostKeyName, string keyType, byte[] key, bool hashHostName)
    {
        lock (_gate)
        {
            _cache.Remove(path);
            var current = KnownHostsFile.Load(path);
            var existing = current.Entries.FirstOrDefault(e =>
                e.Marker == KnownHostMarker.None && e.Matches(hostKeyName) && e.Key.AsSpan().SequenceEqual(key));
            if (existing is not null)
            {
                return existing.Line;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var hostField = hashHostName ? KnownHostEntry.HashHostName(hostKeyName, RandomNumberGenerator.GetBytes(20)) : hostKeyName;
            var line = $"{hostField} {keyType} {Convert.ToBase64String(key)}\n";
            var lineCount = 0;
            var needsNewline = false;
            if (File.Exists(path))
            {
                var bytes = File.ReadAllBytes(path);
                lineCount = bytes.Count(b => b == (byte)'\n');
                needsNewline = bytes.Length > 0 && bytes[^1] != (byte)'\n';
            }

            if (needsNewline)
            {
                line = "\n" + line;
                lineCount++;
            }

            var options = new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(line));
                stream.Flush(flushToDisk: true);
            }

            return lineCount + 1;
        }
    }
}
