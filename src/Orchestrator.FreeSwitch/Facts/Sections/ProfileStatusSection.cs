namespace Orchestrator.FreeSwitch.Facts.Sections;

/// <summary>
/// <c>profile</c>, once per profile <c>sofia status</c> listed (<see cref="SofiaStatusSection"/> runs right before):
/// the profile's name on the first line, then <c>sofia status profile NAME</c>.
/// </summary>
internal sealed class ProfileStatusSection : ApiSection<SofiaProfileStatus>
{
    public override string Name => "profile";

    /// <summary>The command for one profile, <c>$p</c> (<see cref="Script"/> loops over the profiles).</summary>
    protected override string Bash => "fsapi \"sofia status profile $p\"";

    public override string Script(bool bash) =>
        (bash
            ? """
                fsprofiles=()
                while IFS=$'\t' read -r n t x y; do
                  [[ -n $y ]] || continue
                  n=${n#"${n%%[! ]*}"}; n=${n%"${n##*[! ]}"}; t=${t#"${t%%[! ]*}"}; t=${t%"${t##*[! ]}"}
                  [[ $t == profile ]] && fsprofiles+=("$n")
                done <<< "$fslast"
                for p in "${fsprofiles[@]}"; do

                """
            : """
                for p in $(awk -F'\t' 'NF >= 4 { n = $1; t = $2; gsub(/^ +| +$/, "", n); gsub(/^ +| +$/, "", t); if (t == "profile") print n }' "$fsdir/status"); do

                """)
        + "  " + RemoteScript.Section(Name) + "; echo \"$p\"\n"
        + "  " + Bash + "\ndone\n";

    /// <summary>A reply cut short (no rc marker after it) or without a name line is unreadable.</summary>
    protected override SectionResult<SofiaProfileStatus> Parse(string reply, int? exitCode)
    {
        var newline = reply.IndexOf('\n', StringComparison.Ordinal);
        if (exitCode is null || newline <= 0)
        {
            return SectionResult<SofiaProfileStatus>.Unreadable("the reply to sofia status profile was cut short");
        }

        return SectionResult<SofiaProfileStatus>.Read(FsCliOutputParsers.ParseProfileStatus(reply[..newline].Trim(), reply[(newline + 1)..]));
    }
}
