namespace Orchestrator.Transport.KnownHosts;

/// <summary>
/// A parsed OpenSSH known_hosts file. Lines OpenSSH would skip (malformed, unknown key encodings) are
/// skipped here too and counted in <see cref="SkippedLines"/>, so a typo never makes a host trusted.
/// </summary>
internal sealed class KnownHostsFile
{
    private KnownHostsFile(string path, IReadOnlyList<KnownHostEntry> entries, IReadOnlyList<int> skipped)
    {
        Path = path;
        Entries = entries;
        SkippedLines = skipped;
    }

    public string Path { get; }

    public IReadOnlyList<KnownHostEntry> Entries { get; }

    /// <summary>Line numbers that could not be parsed.</summary>
    public IReadOnlyList<int> SkippedLines { get; }

    /// <summary>Reads a file; a missing file is an empty list, as for OpenSSH.</summary>
    public static KnownHostsFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            text = string.Empty;
        }

        return Parse(path, text);
    }

    public static KnownHostsFile Parse(string path, string text)
    {
        var entries = new List<KnownHostEntry>();
        var skipped = new List<int>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var entry = ParseLine(path, i + 1, line);
            if (entry is null)
            {
                skipped.Add(i + 1);
            }
            else
            {
                entries.Add(entry);
            }
        }

        return new KnownHostsFile(path, entries, skipped);
    }

    private static KnownHostEntry? ParseLine(string path, int lineNumber, string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var index = 0;
        var marker = KnownHostMarker.None;
        if (fields[0].StartsWith('@'))
        {
            marker = fields[0] switch
            {
                "@revoked" => KnownHostMarker.Revoked,
                "@cert-authority" => KnownHostMarker.CertAuthority,
                _ => (KnownHostMarker)(-1),
            };
            if ((int)marker == -1)
            {
                return null;
            }

            index = 1;
        }

        if (fields.Length < index + 3)
        {
            return null;
        }

        var patterns = fields[index].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var keyType = fields[index + 1];
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(fields[index + 2]);
        }
        catch (FormatException)
        {
            return null;
        }

        // The blob names its own type; a line whose two disagree is corrupt and never trusted.
        var blobType = HostKeyFingerprint.KeyTypeOf(blob);
        if (blobType is null || !string.Equals(blobType, keyType, StringComparison.Ordinal) || patterns.Length == 0)
        {
            return null;
        }

        return new KnownHostEntry(path, lineNumber, marker, patterns, keyType, blob);
    }
}
