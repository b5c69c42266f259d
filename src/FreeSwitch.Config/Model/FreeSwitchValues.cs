using System.Globalization;

namespace FreeSwitch.Config.Model;

/// <summary>FreeSWITCH's helpers for reading config values: <c>switch_true()</c> and C's <c>atoi()</c>.</summary>
public static class FreeSwitchValues
{
    /// <summary><c>switch_true()</c>: yes, on, true, t, enabled, active, allow, or a non-zero number.</summary>
    public static bool IsTrue(string? value)
    {
        if (value is null)
        {
            return false;
        }

        return value.ToLowerInvariant() is "yes" or "on" or "true" or "t" or "enabled" or "active" or "allow"
            || (IsNumber(value) && Atoi(value) != 0);
    }

    /// <summary><c>switch_is_number()</c>: optional sign, digits and at most... any dots, nothing else.</summary>
    public static bool IsNumber(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        var start = value[0] is '-' or '+' ? 1 : 0;
        for (var i = start; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]) && value[i] != '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>C's <c>atoi()</c>: leading spaces, optional sign, then digits up to the first other character; 0 when none.</summary>
    public static long Atoi(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        var i = 0;
        while (i < value.Length && char.IsWhiteSpace(value[i]))
        {
            i++;
        }

        var negative = false;
        if (i < value.Length && value[i] is '+' or '-')
        {
            negative = value[i] == '-';
            i++;
        }

        long result = 0;
        while (i < value.Length && char.IsAsciiDigit(value[i]) && result < int.MaxValue)
        {
            result = (result * 10) + (value[i] - '0');
            i++;
        }

        return negative ? -result : result;
    }

    /// <summary>Formats an int the C way (invariant culture).</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
