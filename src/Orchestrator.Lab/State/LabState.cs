using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Lab.Scenarios;

namespace Orchestrator.Lab.State;

/// <summary>
/// What a lab created, written to DIR/lab.json before each resource is created, so <c>lab down</c> can
/// remove everything even after a crash halfway through <c>lab up</c>.
/// </summary>
internal sealed class LabState
{
    public const string FileName = "lab.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int Version { get; set; } = 1;

    public required string Name { get; set; }

    public required string Directory { get; set; }

    public required string InterfacePrefix { get; set; }

    public string? Subnet { get; set; }

    public string? Bridge { get; set; }

    public string? ControllerAddress { get; set; }

    public List<HostState> Hosts { get; set; } = [];

    public HostState? Homer { get; set; }

    public string LoginUser { get; set; } = "labuser";

    public string PasswordUser { get; set; } = "labpass";

    public ScenarioSettings? Scenario { get; set; }

    /// <summary>The capture-server value written to every host's sofia.conf.xml.</summary>
    public string? CaptureServer { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Processes the lab started that <c>lab down</c> must stop by PID even when their namespace is already gone
    /// (homer's receivers: a crash that deleted homer's netns leaves them running but no longer findable by namespace).
    /// </summary>
    public List<RecordedProcess> Processes { get; set; } = [];

    public static string PathIn(string directory) => System.IO.Path.Combine(directory, FileName);

    public static LabState? TryLoad(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return null;
        }

        return JsonSerializer.Deserialize<LabState>(File.ReadAllText(path), JsonOptions)
            ?? throw new Linux.LabException($"{path} is empty");
    }

    public void Save()
    {
        var path = PathIn(Directory);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temp, path, overwrite: true);
    }
}
