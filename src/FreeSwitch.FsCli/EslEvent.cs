namespace FreeSwitch.FsCli;

internal sealed class EslEvent(List<(string Name, string Value)> headers)
{
    public string? Body { get; set; }

    public string? Header(string name) => headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}
