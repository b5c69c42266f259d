namespace FreeSwitch.Config.Model;

/// <summary><c>sofia.conf</c>: global settings (the capture server) and the SIP profiles.</summary>
public sealed class SofiaSettings
{
    /// <summary>The raw <c>capture-server</c> value of &lt;global_settings&gt;, or null when it is not set (vanilla).</summary>
    public string? CaptureServerValue { get; init; }

    public ConfigLocation? CaptureServerLocation { get; init; }

    /// <summary>The parsed capture server, when the value is set and valid.</summary>
    public CaptureServer? CaptureServer { get; init; }

    /// <summary>Why the set value is invalid (no capture socket will open), or null.</summary>
    public string? CaptureServerError { get; init; }

    public IReadOnlyList<ConfigParam> GlobalParams { get; init; } = [];

    public IReadOnlyList<SipProfileSettings> Profiles { get; init; } = [];

    public SipProfileSettings? GetProfile(string name) =>
        Profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
