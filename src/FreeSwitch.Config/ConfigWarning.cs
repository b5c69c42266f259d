namespace FreeSwitch.Config;

/// <summary>
/// Something FreeSWITCH would log while pre-processing (an include that matches nothing, a
/// <c>stun-set</c> that was not resolved offline). Loading goes on, as it does in FreeSWITCH.
/// </summary>
public sealed record ConfigWarning(string Message, ConfigLocation? Location)
{
    public override string ToString() => Location is { } l ? $"{l}: {Message}" : Message;
}
