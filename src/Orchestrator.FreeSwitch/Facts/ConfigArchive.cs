using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using FreeSwitch.Config;
using FreeSwitch.Config.Sources;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>
/// The conf dir's archive as the host sent it (<c>conf_tar</c>: base64 of a gzipped pax tar), unpacked into memory within
/// <see cref="FreeSwitchFactsOptions"/>' limits. A managed host may be hostile: nothing in the archive is trusted, not the
/// sizes its headers declare (sparse files, a gzip bomb), so every byte is counted as it is decompressed, reading stops
/// at the first limit crossed (never holding more than the limit), and every header's size is checked against the bytes
/// that really follow it before <see cref="TarReader"/> (which allocates what a header declares) sees the archive.
/// </summary>
internal sealed class ConfigArchive : IConfigFileSource
{
    private readonly InMemoryConfigSource _files = new();
    private readonly Dictionary<string, double> _modified = new(StringComparer.Ordinal);

    private ConfigArchive()
    {
    }

    /// <summary>The files' modification times (Unix seconds, from the pax headers), by host path.</summary>
    public IReadOnlyDictionary<string, double> Modified => _modified;

    /// <summary>Unpacks <paramref name="base64"/>; entry names are taken relative to <paramref name="confDir"/>.</summary>
    /// <exception cref="ConfigArchiveException">The archive is malformed or crosses a limit.</exception>
    public static ConfigArchive Read(string base64, string confDir, FreeSwitchFactsOptions limits)
    {
        // gzip never makes data much bigger, so a text beyond what the total limit could compress to is refused unread.
        var maxText = ((limits.ConfigArchiveMaxBytes + 65536) / 3 * 4) + 4;
        if (base64.Length > maxText)
        {
            throw Exceeds(limits.ConfigArchiveMaxBytes, "bytes in total", $"{base64.Length.ToString(CultureInfo.InvariantCulture)} characters of base64 before decompression");
        }

        var archive = new ConfigArchive();
        try
        {
            using var tar = new MemoryStream();
            using (var counted = new BoundedStream(
                new GZipStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress),
                limits.ConfigArchiveMaxBytes,
                () => Exceeds(limits.ConfigArchiveMaxBytes, "bytes in total", "decompressed")))
            {
                counted.CopyTo(tar);
            }

            TarHeaders.CheckSizes(tar.GetBuffer().AsSpan(0, (int)tar.Length));
            tar.Position = 0;
            using var reader = new TarReader(tar);
            var files = 0;
            while (reader.GetNextEntry() is { } entry)
            {
                var path = ConfigPath.Combine(confDir, entry.Name);
                if (entry.EntryType == TarEntryType.Directory)
                {
                    archive._files.AddDirectory(path);
                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is not { } data)
                {
                    continue;
                }

                if (++files > limits.ConfigArchiveMaxFiles)
                {
                    throw Exceeds(limits.ConfigArchiveMaxFiles, "files", $"at {entry.Name}");
                }

                archive._files.Add(path, ReadText(data, limits.ConfigArchiveMaxFileBytes, entry.Name));
                archive._modified[ConfigPath.Normalize(path)] =
                    (entry.ModificationTime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException or ArgumentException)
        {
            throw new ConfigArchiveException($"the config archive is malformed: {ex.Message}", ex);
        }

        return archive;
    }

    public bool FileExists(string path) => _files.FileExists(path);

    public bool DirectoryExists(string path) => _files.DirectoryExists(path);

    public string ReadAllText(string path) => _files.ReadAllText(path);

    public IReadOnlyList<ConfigDirectoryEntry> ListDirectory(string path) => _files.ListDirectory(path);

    /// <summary>A file's text, read up to the per-file limit (its header's length is not trusted either).</summary>
    private static string ReadText(Stream data, long maxBytes, string name)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = data.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                throw Exceeds(maxBytes, "bytes in one file", $"at {name}");
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ConfigArchiveException Exceeds(long limit, string what, string where) =>
        new(string.Create(CultureInfo.InvariantCulture, $"the config archive exceeds {Describe(limit, what)} ({where}); a host may send no more (FreeSwitchFactsOptions.ConfigArchiveMax*)"));

    private static string Describe(long limit, string what) =>
        what.StartsWith("bytes", StringComparison.Ordinal) && limit % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{limit / (1024 * 1024)} MiB{what["bytes".Length..]}")
            : string.Create(CultureInfo.InvariantCulture, $"{limit} {what}");
}
