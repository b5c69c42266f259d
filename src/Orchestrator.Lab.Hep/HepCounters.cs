using System.Text.Json;

namespace Orchestrator.Lab.Hep;

/// <summary>What arrived from one capture socket (one source address and port).</summary>
public sealed class HepSourceCounters
{
    public required string Address { get; set; }

    public int Port { get; set; }

    public long Packets { get; set; }

    /// <summary>The last SIP message's method ("INVITE"), or status and method for a response ("200 INVITE").</summary>
    public string? LastSip { get; set; }

    public uint? CaptureId { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}

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
