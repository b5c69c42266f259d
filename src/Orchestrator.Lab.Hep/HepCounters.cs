using System.Text.Json;

namespace Orchestrator.Lab.Hep;

/// <summary>The listener's counters, written as JSON for <c>lab hep</c> and the tests.</summary>
public sealed class HepCounters
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Listen { get; set; } = "";

    public string? Forward { get; set; }

    public long Datagrams { get; set; }

    /// <summary>Datagrams that were not valid HEPv3, and the last reason.</summary>
    public long Undecodable { get; set; }

    public string? LastError { get; set; }

    public List<HepSourceCounters> Sources { get; set; } = [];

    public static HepCounters? TryLoad(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<HepCounters>(File.ReadAllText(path), JsonOptions);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temp, path, overwrite: true);
    }
}
