using FreeSwitch.Config.Sources;

namespace FreeSwitch.Config.Preprocessing;

/// <summary>
/// POSIX <c>glob(3)</c> over an <see cref="IConfigFileSource"/>, as FreeSWITCH calls it for includes:
/// <c>*</c>, <c>?</c> and <c>[...]</c> in any path segment, hidden names only matched by a pattern that starts
/// with a dot, results sorted in byte order (the C locale FreeSWITCH runs in).
/// </summary>
internal static class Glob
{
    public static bool HasMagic(string segment) => segment.IndexOfAny(['*', '?', '[']) >= 0;

    /// <summary>Matches an absolute pattern; an empty list when nothing matches.</summary>
    public static List<string> Expand(IConfigFileSource source, string absolutePattern)
    {
        var segments = absolutePattern.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // The literal leading part is one path: sources may only know the tree below some prefix.
        var firstMagic = Array.FindIndex(segments, HasMagic);
        if (firstMagic < 0)
        {
            var path = ConfigPath.Normalize(Unescape(absolutePattern));
            return source.FileExists(path) || source.DirectoryExists(path) ? [path] : [];
        }

        var root = ConfigPath.Normalize("/" + string.Join('/', segments[..firstMagic].Select(Unescape)));
        if (!source.DirectoryExists(root))
        {
            return [];
        }

        var current = new List<string> { root };
        for (var i = firstMagic; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            var next = new List<string>();
            foreach (var dir in current)
            {
                if (segment == "." || segment == ".." || !HasMagic(segment))
                {
                    var path = ConfigPath.Normalize(ConfigPath.Combine(dir, Unescape(segment)));
                    if (last ? source.FileExists(path) || source.DirectoryExists(path) : source.DirectoryExists(path))
                    {
                        next.Add(path);
                    }

                    continue;
                }

                var matches = new List<string>();
                foreach (var entry in source.ListDirectory(dir))
                {
                    if ((last || entry.IsDirectory) && Matches(segment, entry.Name))
                    {
                        matches.Add(ConfigPath.Combine(dir, entry.Name));
                    }
                }

                matches.Sort(StringComparer.Ordinal);
                next.AddRange(matches);
            }

            current = next;
            if (current.Count == 0)
            {
                break;
            }
        }

        return current;
    }

    private static string Unescape(string segment) => segment.Replace("\\", string.Empty, StringComparison.Ordinal);

    /// <summary><c>fnmatch(pattern, name, FNM_PERIOD)</c>.</summary>
    public static bool Matches(string pattern, string name)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.'))
        {
            return false;
        }

        return Match(pattern, 0, name, 0);
    }

    private static bool Match(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            switch (c)
            {
                case '*':
                    while (pi < p.Length && p[pi] == '*')
                    {
                        pi++;
                    }

                    if (pi == p.Length)
                    {
                        return true;
                    }

                    for (var k = si; k <= s.Length; k++)
                    {
                        if (Match(p, pi, s, k))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (si >= s.Length)
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
                case '[':
                    if (si >= s.Length || !MatchClass(p, ref pi, s[si]))
                    {
                        return false;
                    }

                    si++;
                    break;
                case '\\' when pi + 1 < p.Length:
                    if (si >= s.Length || s[si] != p[pi + 1])
                    {
                        return false;
                    }

                    pi += 2;
                    si++;
                    break;
                default:
                    if (si >= s.Length || s[si] != c)
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
            }
        }

        return si == s.Length;
    }

    private static bool MatchClass(string p, ref int pi, char ch)
    {
        var start = pi;
        var i = pi + 1;
        var negate = i < p.Length && (p[i] == '!' || p[i] == '^');
        if (negate)
        {
            i++;
        }

        var matched = false;
        var first = true;
        while (i < p.Length && (p[i] != ']' || first))
        {
            first = false;
            var lo = p[i];
            if (i + 2 < p.Length && p[i + 1] == '-' && p[i + 2] != ']')
            {
                matched |= ch >= lo && ch <= p[i + 2];
                i += 3;
            }
            else
            {
                matched |= ch == lo;
                i++;
            }
        }

        if (i >= p.Length)
        {
            // No closing bracket: '[' is a literal character.
            pi = start + 1;
            return ch == '[';
        }

        pi = i + 1;
        return matched != negate;
    }
}
