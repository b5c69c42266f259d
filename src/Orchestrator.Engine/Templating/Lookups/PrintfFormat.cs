using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>Python's <c>"%..." % number</c> for one conversion (d, i, u, x, X, o, s) with flags 0, -, +, space and a width.</summary>
internal static partial class PrintfFormat
{
    /// <summary>The formatted text, or null when the format is not one Python would accept for an integer.</summary>
    public static string? Format(string format, long value)
    {
        var m = Conversion().Match(format);
        if (!m.Success)
        {
            return null;
        }

        var flags = m.Groups["flags"].Value;
        var width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;
        var magnitude = Math.Abs(value);
        var digits = m.Groups["type"].Value switch
        {
            "x" => magnitude.ToString("x", CultureInfo.InvariantCulture),
            "X" => magnitude.ToString("X", CultureInfo.InvariantCulture),
            "o" => Convert.ToString(magnitude, 8),
            _ => magnitude.ToString(CultureInfo.InvariantCulture),
        };
        var sign = value < 0 ? "-" : flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : string.Empty;
        string text;
        if (flags.Contains('-', StringComparison.Ordinal))
        {
            text = (sign + digits).PadRight(width);
        }
        else if (flags.Contains('0', StringComparison.Ordinal) && m.Groups["type"].Value != "s")
        {
            text = sign + digits.PadLeft(Math.Max(0, width - sign.Length), '0');
        }
        else
        {
            text = (sign + digits).PadLeft(width);
        }

        return m.Groups["before"].Value + text + m.Groups["after"].Value;
    }

    [GeneratedRegex(@"^(?<before>[^%]*)%(?<flags>[-+ 0#]*)(?<width>\d+)?(?<type>[diuxXos])(?<after>[^%]*)$", RegexOptions.Singleline)]
    private static partial Regex Conversion();
}
