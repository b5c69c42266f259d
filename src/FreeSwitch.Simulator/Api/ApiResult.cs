namespace FreeSwitch.Simulator.Api;

/// <summary>An API's output: its body, or null when no such API exists (the event socket then answers "-ERR cmd Command not found!").</summary>
internal readonly record struct ApiResult(string? Body, bool Shutdown = false)
{
    public static ApiResult NotFound => new(null);
}
