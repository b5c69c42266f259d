using System.Text;
using Orchestrator.Core.Errors;

namespace Orchestrator.Transport.SshConfig;

internal static class SshTokens
{
    /// <summary>Expands <c>~</c> at the start and the <c>%</c> tokens; an unknown token is an error at <paramref name="location"/>.</summary>
    public static string ExpandPath(string value, TokenContext context, SourceLocation? location)
    {
        if (value == "~" || value.StartsWith("~/", StringComparison.Ordinal))
        {
            value = context.HomeDirectory + value[1..];
        }

        return Expand(value, context, "dhnpru", location);
    }

    /// <summary>HostName accepts only <c>%h</c> and <c>%%</c>.</summary>
    public static string ExpandHostName(string value, TokenContext context, SourceLocation? location) =>
        Expand(value, context, "h", location);

    private static string Expand(string value, TokenContext c, string allowed, SourceLocation? location)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%')
            {
                sb.Append(value[i]);
                continue;
            }

            if (i + 1 >= value.Length)
            {
                throw new UserInputException($"'{value}' ends with a lone '%'; write '%%' for a percent sign.", location);
            }

            var token = value[++i];
            if (token != '%' && !allowed.Contains(token))
            {
                throw new UserInputException($"unsupported token '%{token}' in '{value}'; expected one of {string.Join(", ", ("%" + allowed).Select(t => "%" + t))}.", location);
            }

            sb.Append(token switch
            {
                '%' => "%",
                'd' => c.HomeDirectory,
                'h' => c.HostName,
                'n' => c.OriginalHost,
                'p' => c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                'r' => c.RemoteUser,
                'u' => c.LocalUser,
                _ => throw new InvalidOperationException(),
            });
        }

        return sb.ToString();
    }
}
