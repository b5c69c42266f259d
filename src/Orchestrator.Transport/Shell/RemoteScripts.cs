using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Core.Shell;
using Orchestrator.Core.Transport;

namespace Orchestrator.Transport.Shell;

/// <summary>The POSIX sh scripts behind uploads, downloads and checksums.</summary>
internal static partial class RemoteScripts
{
    /// <summary>Exit code of the download and checksum scripts when the file does not exist.</summary>
    public const int MissingFileExitCode = 44;

    /// <summary>
    /// Atomic replace: the content arrives on stdin into a temp file in the destination's directory, its
    /// sha256 is compared with what was sent (a connection cut mid-transfer gives <c>cat</c> an early EOF,
    /// and that truncated file must never be renamed over the old one), mode/owner are kept or set, the
    /// data is fsynced, then <c>mv -f</c> renames it into place and the directory is fsynced.
    /// </summary>
    public static string Upload(FileUpload upload, string sha256)
    {
        var dest = upload.RemotePath;
        var slash = dest.LastIndexOf('/');
        var dir = slash < 0 ? "." : slash == 0 ? "/" : dest[..slash];
        var q = ShellQuote.Quote;
        var lines = new List<string>
        {
            $"dest={q(dest)}; dir={q(dir)}; want={sha256}; backup=",
            "tmp=$(mktemp \"$dir/.orchestrator-upload.XXXXXXXX\") || exit 1",
            "trap 'rm -f -- \"$tmp\"' EXIT",
            "trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM",
            "cat > \"$tmp\" || exit 1",
            "got=$(sha256sum < \"$tmp\") || exit 1; got=${got%% *}",
            "if [ \"$got\" != \"$want\" ]; then echo \"upload of $dest incomplete (received sha256 $got, sent $want); the old file is untouched\" >&2; exit 1; fi",
            "if [ -e \"$dest\" ]; then",
            "  chmod --reference=\"$dest\" -- \"$tmp\" || exit 1",
            "  chown --reference=\"$dest\" -- \"$tmp\" 2>/dev/null || true",
        };
        if (upload.Backup)
        {
            lines.Add("  backup=\"$dest.$$.$(date +%Y-%m-%d@%H:%M:%S)~\"; cp -p -- \"$dest\" \"$backup\" || exit 1");
        }

        lines.Add("else");
        lines.Add("  m=$(umask); chmod \"$(printf '%o' $(( 0666 & ~0$m )))\" -- \"$tmp\" || exit 1");
        lines.Add("fi");
        if (upload.Mode is { } mode)
        {
            lines.Add($"chmod {q(ValidateMode(mode))} -- \"$tmp\" || exit 1");
        }

        if (upload.Owner is not null || upload.Group is not null)
        {
            var spec = (upload.Owner ?? string.Empty) + (upload.Group is null ? string.Empty : ":" + upload.Group);
            lines.Add($"chown {q(spec)} -- \"$tmp\" || exit 1");
        }

        lines.Add("sync -- \"$tmp\" || exit 1");
        lines.Add("mv -f -- \"$tmp\" \"$dest\" || exit 1");
        lines.Add("trap - EXIT");
        lines.Add("sync -- \"$dir\" 2>/dev/null || true");
        lines.Add("printf 'backup=%s\\n' \"$backup\"");
        return string.Join('\n', lines);
    }

    public static string Download(string path) =>
        $"p={ShellQuote.Quote(path)}; [ -e \"$p\" ] || exit {MissingFileExitCode}; exec cat -- \"$p\"";

    public static string Sha256(string path) =>
        $"p={ShellQuote.Quote(path)}; [ -e \"$p\" ] || exit {MissingFileExitCode}; sha256sum < \"$p\"";

    /// <summary>Sends TERM to a process group, and KILL two seconds later if it is still there.</summary>
    public static string KillProcessGroup(int pid) =>
        string.Create(CultureInfo.InvariantCulture, $"kill -TERM -{pid} 2>/dev/null; (sleep 2; kill -KILL -{pid} 2>/dev/null) </dev/null >/dev/null 2>&1 &");

    public static string ValidateMode(string mode)
    {
        if (!ModePattern().IsMatch(mode))
        {
            throw new ArgumentException($"file mode '{mode}' is not valid; expected octal like 0644 or symbolic like u=rw,go=r.", nameof(mode));
        }

        return mode;
    }

    [GeneratedRegex("^([0-7]{3,4}|[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*)$")]
    private static partial Regex ModePattern();
}
