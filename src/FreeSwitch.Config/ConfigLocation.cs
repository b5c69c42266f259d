namespace FreeSwitch.Config;

/// <summary>A position in a configuration file on the FreeSWITCH host, 1-based, printed as <c>file:line:column</c>.</summary>
public readonly record struct ConfigLocation(string File, int Line, int Column)
{
    public override string ToString() =>
        Line > 0 ? (Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}") : File;
}
