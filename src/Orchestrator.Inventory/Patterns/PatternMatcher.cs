using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Input;
using Orchestrator.Inventory.Model;
using Orchestrator.Inventory.Parsing;

namespace Orchestrator.Inventory.Patterns;

/// <summary>
/// Ansible's host pattern evaluation (inventory/manager.py): patterns split on ',' (or ':' outside
/// brackets), regular terms first, then <c>&amp;</c> intersections, then <c>!</c> exclusions; each term
/// matches group names, then host names, with fnmatch globs or a <c>~</c> regex anchored at the start,
/// and an optional <c>[i]</c> / <c>[a:b]</c> subscript. <c>@file</c> reads one pattern per line.
/// Unlike Ansible, malformed patterns (unbalanced brackets, bad regex, out-of-range index, empty) are
/// errors rather than silently matching something else.
/// </summary>
internal sealed partial class PatternMatcher(InventoryData data, Func<string, HostNode> implicitLocalhost)
{
    private readonly Dictionary<string, List<HostNode>> _cache = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$", RegexOptions.CultureInvariant)]
    private static partial Regex Subscript();

    [GeneratedRegex(@"^Invalid pattern '.*' at offset \d+\. ", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex InvalidPatternPrefix();

    [GeneratedRegex(@"(?:[^\s:\[\]]|\[[^\]]*\])+", RegexOptions.CultureInvariant)]
    private static partial Regex ColonTerms();

    /// <summary>Whether the last <see cref="GetHosts"/> touched a group whose host order Ansible does not keep stable.</summary>
    public bool LastOrderAmbiguous { get; private set; }

    /// <summary>Hosts for <paramref name="pattern"/>, restricted to <paramref name="limit"/> when given, in Ansible's order.</summary>
    public List<HostNode> GetHosts(string pattern, string patternSource, string? limit, string limitSource, Action<string> warn)
    {
        LastOrderAmbiguous = false;
        var parts = Split(pattern, patternSource);
        var hosts = Evaluate(parts, warn);
        if (limit is not null)
        {
            var subset = Split(limit, limitSource);
            var expanded = new List<PatternPart>();
            foreach (var part in subset)
            {
                if (part.Text.StartsWith('@'))
                {
                    expanded.AddRange(ReadLimitFile(part));
                }
                else
                {
                    expanded.Add(part);
                }
            }

            var allowed = new HashSet<HostNode>(Evaluate(expanded, warn));
            hosts = hosts.Where(allowed.Contains).ToList();
        }

        var seen = new HashSet<HostNode>();
        return hosts.Where(seen.Add).ToList();
    }

    /// <summary>Ansible's split_host_pattern, keeping the column of each term.</summary>
    public static List<PatternPart> Split(string pattern, string source)
    {
        if (pattern.Trim().Length == 0)
        {
            throw new UserInputException("found an empty host pattern; expected a pattern such as all, a group, a host, or web*:!web03", new SourceLocation(source, 1, 1));
        }

        var parts = new List<PatternPart>();
        void Add(string text, int start)
        {
            var trimmed = text.Trim();
            if (trimmed.Length > 0)
            {
                var lead = text.Length - text.TrimStart().Length;
                parts.Add(new PatternPart(trimmed, new SourceLocation(source, 1, start + lead + 1)));
            }
        }

        if (pattern.Contains(',', StringComparison.Ordinal))
        {
            var start = 0;
            foreach (var piece in pattern.Split(','))
            {
                Add(piece, start);
                start += piece.Length + 1;
            }
        }
        else if (HostAddress.TryParse(pattern, allowRanges: true, out _, out _))
        {
            Add(pattern, 0);
        }
        else
        {
            var covered = new bool[pattern.Length];
            foreach (Match m in ColonTerms().Matches(pattern))
            {
                Add(m.Value, m.Index);
                for (var i = m.Index; i < m.Index + m.Length; i++)
                {
                    covered[i] = true;
                }
            }

            for (var i = 0; i < pattern.Length; i++)
            {
                if (!covered[i] && pattern[i] is '[' or ']')
                {
                    throw new UserInputException(
                        $"found an unbalanced '{pattern[i]}' in host pattern '{pattern}'; expected brackets in pairs, as in web[0] or web[1:3]",
                        new SourceLocation(source, 1, i + 1));
                }
            }
        }

        if (parts.Count == 0)
        {
            throw new UserInputException($"found host pattern '{pattern}' with no terms; expected a pattern such as all, a group, a host, or web*:!web03", new SourceLocation(source, 1, 1));
        }

        return parts;
    }

    private static IEnumerable<PatternPart> ReadLimitFile(PatternPart part)
    {
        var path = part.Text[1..];
        if (Directory.Exists(path))
        {
            throw new UserInputException($"found '@{path}', which is a directory; expected a file with one host pattern per line", part.Location);
        }

        if (!File.Exists(path))
        {
            throw new UserInputException($"found '@{path}', but there is no such file; expected a file with one host pattern per line", part.Location);
        }

        var lines = BoundedFile.ReadAllText(path, "a file with one host pattern per line").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            yield return new PatternPart(lines[i].Trim(), new SourceLocation(path, i + 1, 1));
        }
    }

    private List<HostNode> Evaluate(List<PatternPart> parts, Action<string> warn)
    {
        var ordered = parts.Where(p => p.Text.Length > 0).ToList();
        var regular = ordered.Where(p => p.Text[0] is not ('!' or '&')).ToList();
        if (regular.Count == 0)
        {
            regular.Add(new PatternPart("all", default));
        }

        var sequence = regular
            .Concat(ordered.Where(p => p.Text[0] == '&'))
            .Concat(ordered.Where(p => p.Text[0] == '!'));
        var hosts = new List<HostNode>();
        foreach (var p in sequence)
        {
            if (data.Hosts.TryGetValue(p.Text, out var exact))
            {
                hosts.Add(exact);
                continue;
            }

            var that = MatchOne(p, warn);
            if (p.Text[0] == '!')
            {
                var remove = new HashSet<HostNode>(that);
                hosts = hosts.Where(h => !remove.Contains(h)).ToList();
            }
            else if (p.Text[0] == '&')
            {
                var keep = new HashSet<HostNode>(that);
                hosts = hosts.Where(keep.Contains).ToList();
            }
            else
            {
                var existing = new HashSet<string>(hosts.Select(h => h.Name), StringComparer.Ordinal);
                hosts.AddRange(that.Where(h => !existing.Contains(h.Name)));
            }
        }

        return hosts;
    }

    private List<HostNode> MatchOne(PatternPart part, Action<string> warn)
    {
        var pattern = part.Text[0] is '&' or '!' ? part.Text[1..] : part.Text;
        if (pattern.Length == 0)
        {
            throw new UserInputException($"found '{part.Text}' with nothing after it; expected a group or host name after '{part.Text}'", part.Location);
        }

        if (_cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var expr = pattern;
        (int Start, int? End)? subscript = null;
        if (pattern[0] != '~')
        {
            var m = Subscript().Match(pattern);
            if (m.Success)
            {
                expr = m.Groups[1].Value;
                if (m.Groups[2].Success)
                {
                    subscript = (ParseIndex(m.Groups[2].Value, part), null);
                }
                else
                {
                    var end = m.Groups[5].Value.Length == 0 ? -1 : ParseIndex(m.Groups[5].Value, part);
                    subscript = (ParseIndex(m.Groups[3].Value, part), end);
                    if (m.Groups[4].Value == "-")
                    {
                        warn("Use [x:y] inclusive subscripts instead of [x-y] which has been removed");
                    }
                }
            }
        }

        var hosts = Enumerate(expr, part, warn);
        if (subscript is { } s && hosts.Count > 0)
        {
            if (s.End is { } end && end != 0)
            {
                var last = end == -1 ? hosts.Count - 1 : end;
                hosts = s.Start > last || s.Start >= hosts.Count ? [] : hosts.GetRange(s.Start, Math.Min(last, hosts.Count - 1) - s.Start + 1);
            }
            else
            {
                var index = s.Start < 0 ? hosts.Count + s.Start : s.Start;
                if (index < 0 || index >= hosts.Count)
                {
                    throw new UserInputException(
                        $"found subscript [{s.Start}] in '{pattern}', but '{expr}' matches {hosts.Count} host(s); expected an index from {-hosts.Count} to {hosts.Count - 1}",
                        part.Location);
                }

                hosts = [hosts[index]];
            }
        }

        _cache[pattern] = hosts;
        return hosts;
    }

    private static int ParseIndex(string text, PatternPart part) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
            ? i
            : throw new UserInputException($"found subscript '{text}' in '{part.Text}', which is too large; expected a host index", part.Location);

    private List<HostNode> Enumerate(string pattern, PatternPart part, Action<string> warn)
    {
        var results = new List<HostNode>();
        var groups = MatchNames(data.Groups, pattern, part);
        foreach (var g in groups)
        {
            results.AddRange(g.GetHosts());
            LastOrderAmbiguous |= g.HostOrderAmbiguous;
        }

        if (groups.Count == 0 || pattern[0] == '~' || pattern.AsSpan().IndexOfAny(".?*[") >= 0)
        {
            results.AddRange(MatchNames(data.Hosts, pattern, part));
        }

        if (results.Count == 0 && InventoryData.LocalhostNames.Contains(pattern))
        {
            results.Add(implicitLocalhost(pattern));
        }

        if (results.Count == 0 && groups.Count == 0 && pattern != "all")
        {
            warn($"Could not match supplied host pattern, ignoring: {pattern}");
        }

        return results;
    }

    private static List<T> MatchNames<T>(OrderedDictionary<string, T> items, string pattern, PatternPart part)
    {
        if (pattern[0] != '~' && !FnMatch.HasWildcards(pattern))
        {
            return items.TryGetValue(pattern, out var only) ? [only] : [];
        }

        Regex regex;
        try
        {
            regex = pattern[0] == '~' ? PyRegex.CompileMatch(pattern[1..]) : FnMatch.Compile(pattern);
        }
        catch (ArgumentException ex)
        {
            var reason = InvalidPatternPrefix().Replace(ex.Message, "").TrimEnd('.');
            throw new UserInputException(
                $"found '{pattern}', which is not a valid {(pattern[0] == '~' ? "regular expression" : "pattern")} ({reason}); expected {(pattern[0] == '~' ? "a regular expression after '~', such as ~web0[1-3]" : "a glob such as web*")}",
                part.Location);
        }

        var result = new List<T>();
        foreach (var (name, item) in items)
        {
            if (regex.IsMatch(name))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
