using System.Security.Cryptography;
using Orchestrator.Core.Shell;
using Orchestrator.Transport.Settings;

namespace Orchestrator.Transport.Shell;

/// <summary>
/// Wraps a script in sudo. With a password, sudo gets a unique prompt (<c>-p</c>) and reads the password
/// from stdin (<c>-S</c>); the wrapped script first prints a unique marker, so the client knows whether
/// sudo asked for the password, accepted it (marker seen), or asked again (wrong password), and never
/// writes the password where the command would read it. Without a password, <c>-n</c> makes sudo fail
/// at once instead of waiting for a password that will never come.
/// </summary>
internal sealed class BecomeCommand
{
    private BecomeCommand(string commandText, string? prompt, string? marker)
    {
        CommandText = commandText;
        Prompt = prompt;
        Marker = marker;
    }

    public string CommandText { get; }

    /// <summary>The prompt sudo prints on stderr when it wants the password; null when no password is used.</summary>
    public string? Prompt { get; }

    /// <summary>The line the script prints on stdout once sudo let it run; null when no password is used.</summary>
    public string? Marker { get; }

    public bool UsesPassword => Prompt is not null;

    public static BecomeCommand Wrap(string script, BecomeSettings settings, string user)
    {
        var flags = settings.Flags.ToList();
        string? prompt = null;
        string? marker = null;
        var inner = script;
        if (settings.Password is not null)
        {
            flags.RemoveAll(f => f == "-n");
            if (!flags.Contains("-S"))
            {
                flags.Add("-S");
            }

            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            prompt = $"[orchestrator sudo {nonce}] password: ";
            marker = $"ORCHESTRATOR-BECOME-OK-{nonce}";
            inner = $"echo {marker}; {script}";
        }
        else if (!flags.Contains("-n"))
        {
            flags.Add("-n");
        }

        var parts = new List<string> { ShellQuote.Quote(settings.Executable) };
        parts.AddRange(flags.Select(ShellQuote.Quote));
        if (prompt is not null)
        {
            parts.Add("-p");
            parts.Add(ShellQuote.Quote(prompt));
        }

        parts.Add("-u");
        parts.Add(ShellQuote.Quote(user));
        parts.Add("/bin/sh -c");
        parts.Add(ShellQuote.Quote(inner));
        return new BecomeCommand(string.Join(' ', parts), prompt, marker);
    }
}
