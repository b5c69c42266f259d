using System.Text.RegularExpressions;

namespace Orchestrator.Cli;

/// <summary>
/// Spectre.Console.Cli reports a value it cannot convert as "Failed to convert 'X' to Int32." without the option or
/// what it takes. This names the option from the command line and says what is expected instead of a .NET type.
/// </summary>
internal static partial class OptionValueError
{
    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to (?<type>[A-Za-z0-9`]+)\.$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ConversionFailed();

    /// <returns>The reworded message, or null when the message is not a conversion failure.</returns>
    public static string? Reword(string message, IReadOnlyList<string> args)
    {
        var match = ConversionFailed().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"].Value;
        var expected = match.Groups["type"].Value switch
        {
            "Int32" or "Nullable`1" => $"a whole number from {int.MinValue} to {int.MaxValue}",
            "Int64" => "a whole number",
            "Double" or "Decimal" => "a number",
            "Boolean" => "true or false",
            "TimeSpan" => "a duration",
            var other => $"a value of type {other}",
        };
        return $"{OptionFor(value, args) ?? "an option"}: '{value}' is not {expected}";
    }

    // The option whose value it is: "--opt value" or "--opt=value".
    private static string? OptionFor(string value, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal))
            {
                return args[i][..args[i].IndexOf('=', StringComparison.Ordinal)];
            }

            if (i > 0 && args[i] == value && args[i - 1].StartsWith('-'))
            {
                return args[i - 1];
            }
        }

        return null;
    }
}
