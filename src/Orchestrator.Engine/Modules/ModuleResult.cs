namespace Orchestrator.Engine.Modules;

/// <summary>The outcome of <see cref="Module.ApplyAsync"/> (or of a controller-only module's plan).</summary>
public sealed class ModuleResult
{
    public bool Changed { get; init; }

    public bool Failed { get; init; }

    public string? Message { get; init; }

    /// <summary>Registered values (rc, stdout, path, ...). The engine adds changed/failed/msg.</summary>
    public Dictionary<string, object?> Data { get; init; } = new(StringComparer.Ordinal);

    public static ModuleResult Ok(string? message = null, Dictionary<string, object?>? data = null) =>
        new() { Message = message, Data = data ?? new(StringComparer.Ordinal) };

    public static ModuleResult Change(string? message = null, Dictionary<string, object?>? data = null) =>
        new() { Changed = true, Message = message, Data = data ?? new(StringComparer.Ordinal) };

    public static ModuleResult Fail(string message, Dictionary<string, object?>? data = null) =>
        new() { Failed = true, Message = message, Data = data ?? new(StringComparer.Ordinal) };
}
