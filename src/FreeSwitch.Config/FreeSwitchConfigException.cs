namespace FreeSwitch.Config;

/// <summary>
/// The configuration cannot be read: a malformed XML file (with its location), a missing main file.
/// The message starts with <c>file:line:column</c> when the problem is in a file.
/// </summary>
public sealed class FreeSwitchConfigException : Exception
{
    public FreeSwitchConfigException(string detail, ConfigLocation? location = null, Exception? inner = null)
        : base(location is { } l ? $"{l}: {detail}" : detail, inner)
    {
        Detail = detail;
        Location = location;
    }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }

    public ConfigLocation? Location { get; }
}
