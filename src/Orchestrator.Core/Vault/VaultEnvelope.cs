using System.Text;
using Orchestrator.Core.Errors;

namespace Orchestrator.Core.Vault;

/// <summary>
/// An Ansible Vault envelope: the <c>$ANSIBLE_VAULT;1.1;AES256</c> (or <c>1.2;AES256;label</c>) header line, then
/// the hex of "hex(salt) \n hex(hmac) \n hex(ciphertext)" wrapped at 80 columns, as ansible-vault writes it.
/// </summary>
public sealed class VaultEnvelope
{
    public const string Header = "$ANSIBLE_VAULT";
    public const string Cipher = "AES256";
    private const int LineWidth = 80;

    public required string Version { get; init; }

    /// <summary>The vault id of a 1.2 envelope; null for 1.1 (Ansible then uses the id "default").</summary>
    public string? Label { get; init; }

    public required byte[] Salt { get; init; }

    public required byte[] Hmac { get; init; }

    public required byte[] Ciphertext { get; init; }

    /// <summary>True when the text starts with the vault header (Ansible's <c>is_encrypted</c>).</summary>
    public static bool IsEncrypted(string? text) => text is not null && text.StartsWith(Header, StringComparison.Ordinal);

    /// <summary>Parses an envelope; a malformed one is a <see cref="UserInputException"/> at <paramref name="where"/>.</summary>
    public static VaultEnvelope Parse(string text, SourceLocation where)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        var header = lines[0].Split(';').Select(p => p.Trim()).ToArray();
        if (header.Length < 3 || header[0] != Header)
        {
            throw Format(where, $"expected a header such as '{Header};1.1;{Cipher}', found '{Shorten(lines[0])}'");
        }

        if (header[1] is not ("1.1" or "1.2"))
        {
            throw Format(where, $"unsupported vault format version '{header[1]}'; expected 1.1 or 1.2");
        }

        if (header[2] != Cipher)
        {
            throw Format(where, $"{header[2]} cipher could not be found; expected {Cipher}");
        }

        var body = string.Concat(lines.Skip(1));
        var outer = Unhex(body, where, "the body");
        var parts = Encoding.ASCII.GetString(outer).Split('\n', 3);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length == 0)
        {
            throw Format(where, "the body is truncated: expected a salt, an HMAC and the ciphertext");
        }

        return new VaultEnvelope
        {
            Version = header[1],
            Label = header.Length >= 4 && header[3].Length > 0 ? header[3] : null,
            Salt = Unhex(parts[0], where, "the salt"),
            Hmac = Unhex(parts[1], where, "the HMAC"),
            Ciphertext = Unhex(parts[2], where, "the ciphertext"),
        };
    }

    /// <summary>The envelope as ansible-vault writes it: 1.2 with a label other than "default", 80-column lines, a final newline.</summary>
    public string Format()
    {
        var labelled = Label is not null && Label != VaultSecret.DefaultLabel;
        var sb = new StringBuilder();
        sb.Append(Header).Append(';').Append(labelled ? "1.2" : "1.1").Append(';').Append(Cipher);
        if (labelled)
        {
            sb.Append(';').Append(Label);
        }

        sb.Append('\n');
        var inner = $"{Convert.ToHexStringLower(Salt)}\n{Convert.ToHexStringLower(Hmac)}\n{Convert.ToHexStringLower(Ciphertext)}";
        var body = Convert.ToHexStringLower(Encoding.ASCII.GetBytes(inner));
        for (var i = 0; i < body.Length; i += LineWidth)
        {
            sb.Append(body, i, Math.Min(LineWidth, body.Length - i)).Append('\n');
        }

        return sb.ToString();
    }

    private static byte[] Unhex(string hex, SourceLocation where, string what)
    {
        if (hex.Length % 2 != 0)
        {
            throw Format(where, $"{what} is not valid hex (odd length {hex.Length}; the vault text is truncated or damaged)");
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw Format(where, $"{what} is not valid hex (the vault text is damaged)");
        }
    }

    private static UserInputException Format(SourceLocation where, string detail) =>
        new($"Vault format error: {detail}", where);

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "..." : s;
}
