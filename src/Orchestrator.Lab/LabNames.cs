using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Core.Errors;

namespace Orchestrator.Lab;

/// <summary>
/// Every kernel object name a lab uses, derived from its name so two labs never touch each other's.
/// Namespaces are <c>olab-NAME-HOST</c>; interfaces (at most 15 characters) share a prefix of
/// <c>ol</c> plus five characters of the name's hash.
/// </summary>
internal sealed partial class LabNames
{
    public const string HomerName = "homer";

    public LabNames(string labName)
    {
        Validate(labName);
        LabName = labName;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(labName));
        var alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var sb = new StringBuilder("ol");
        for (var i = 0; i < 5; i++)
        {
            sb.Append(alphabet[hash[i] % 32]);
        }

        InterfacePrefix = sb.ToString();
    }

    public string LabName { get; }

    /// <summary>Seven characters: <c>ol</c> and five of the name's hash.</summary>
    public string InterfacePrefix { get; }

    public string Bridge => $"{InterfacePrefix}-br";

    public string NamespacePrefix => $"olab-{LabName}-";

    public static string HostName(int index) => $"fs{index}";

    public string Namespace(string host) => $"{NamespacePrefix}{host}";

    /// <summary>The controller-side end of a host's veth pair (the host side is <c>eth0</c>).</summary>
    public string Veth(string host) => host == HomerName ? $"{InterfacePrefix}-hm" : $"{InterfacePrefix}-{host[2..]}";

    public static void Validate(string labName)
    {
        if (!NamePattern().IsMatch(labName))
        {
            throw new UserInputException(
                $"invalid lab name '{labName}': expected 1-20 characters, lower-case letters, digits and '-', starting with a letter " +
                "(it becomes part of namespace names)");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,19}$")]
    private static partial Regex NamePattern();
}
