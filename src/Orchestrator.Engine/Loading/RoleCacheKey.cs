using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Core.Secrets;

namespace Orchestrator.Engine.Loading;

/// <summary>
/// The key under which a play's role loader keeps a role: equal for equal names, parameters and entry keywords, and
/// different otherwise. Written by hand (type-tagged, strings length-prefixed, so no two values share a key) rather
/// than with JsonSerializer, whose reflection costs a short CLI process tens of milliseconds at start and cannot be
/// compiled ahead of time; a vaulted value counts by a hash of its value, which is never copied into the key.
/// </summary>
internal static class RoleCacheKey
{
    public static string Of(params object?[] parts)
    {
        var sb = new StringBuilder();
        Write(sb, parts);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append('n');
                break;
            case string s:
                sb.Append('s').Append(s.Length).Append(':').Append(s);
                break;
            case bool b:
                sb.Append(b ? "T" : "F");
                break;
            case long or int or double or decimal or float:
                sb.Append('#').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(';');
                break;
            case Secret secret:
                sb.Append('v').Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Reveal()))));
                break;
            case IDictionary<string, object?> map:
                sb.Append('{').Append(map.Count).Append(':');
                foreach (var (k, v) in map)
                {
                    Write(sb, k);
                    Write(sb, v);
                }

                sb.Append('}');
                break;
            case IEnumerable items:
                sb.Append('[');
                foreach (var item in items)
                {
                    Write(sb, item);
                }

                sb.Append(']');
                break;
            default:
                // Any other value (an enum, a date from YAML): its type and text.
                Write(sb, value.GetType().Name);
                Write(sb, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
