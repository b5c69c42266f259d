using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.FreeSwitch.Facts;

/// <summary>Parsers for fs_cli API replies. Each takes the reply body as printed by <c>fs_cli -x</c>.</summary>
internal static partial class FsCliOutputParsers
{
    /// <summary>
    /// <c>sofia status</c>: rows <c>%25s\t%s\t  %40s\t%s</c> between two lines of '='; the header and the
    /// "N profiles N aliases" footer are skipped.
    /// </summary>
    public static List<SofiaStatusRow> ParseSofiaStatus(string text)
    {
        var rows = new List<SofiaStatusRow>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var f = line.Split('\t');
            if (f.Length < 4)
            {
                continue;
            }

            var name = f[0].Trim();
            var type = f[1].Trim();
            if (name is "Name" || name.Length == 0 || type.Length == 0)
            {
                continue;
            }

            rows.Add(new SofiaStatusRow(name, type, f[2].Trim(), string.Join('\t', f.Skip(3)).Trim()));
        }

        return rows;
    }

    /// <summary><c>sofia status profile P</c>: <c>Key\tvalue</c> rows (keys are space-padded); RTP-IP may repeat.</summary>
    public static SofiaProfileStatus ParseProfileStatus(string name, string text)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        var rtpIps = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var key = line[..tab].Trim();
            var value = line[(tab + 1)..].Trim();
            if (key == "RTP-IP")
            {
                rtpIps.Add(value);
            }

            rows.TryAdd(key, value);
        }

        long? Number(string key) =>
            rows.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

        return new SofiaProfileStatus(
            rows.GetValueOrDefault("Name") ?? name,
            rtpIps,
            rows.GetValueOrDefault("SIP-IP"),
            rows.GetValueOrDefault("URL"),
            rows.GetValueOrDefault("BIND-URL"),
            Number("CALLS-IN"),
            Number("FAILED-CALLS-IN"),
            Number("CALLS-OUT"),
            Number("FAILED-CALLS-OUT"),
            rows);
    }

    /// <summary><c>show calls count</c>: <c>\nN total.\n</c>.</summary>
    public static long? ParseCallsCount(string text) =>
        CallsCountRegex().Match(text) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary><c>version</c>: "FreeSWITCH Version 1.10.12-release~64bit (...)"; the version word, or the trimmed text.</summary>
    public static string? ParseVersion(string text)
    {
        var t = text.Trim();
        if (t.Length == 0 || t.StartsWith("-ERR", StringComparison.Ordinal))
        {
            return null;
        }

        return VersionRegex().Match(t) is { Success: true } m ? m.Groups[1].Value : t.Split('\n')[0].Trim();
    }

    /// <summary>True when an API reply reports an error (<c>-ERR ...</c>, or <c>-USAGE</c>).</summary>
    public static bool IsError(string body)
    {
        var t = body.TrimStart();
        return t.StartsWith("-ERR", StringComparison.Ordinal) || t.StartsWith("-USAGE", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(\d+)\s+total\.")]
    private static partial Regex CallsCountRegex();

    [GeneratedRegex(@"[Vv]ersion:?\s+(\S+)")]
    private static partial Regex VersionRegex();
}
