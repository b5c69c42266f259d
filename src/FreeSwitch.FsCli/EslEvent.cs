using FreeSwitch.Esl;

namespace FreeSwitch.FsCli;

internal sealed class EslEvent(List<(string Name, string Value)> headers)
{
    public string? Body { get; set; }

    public string? Header(string name) => EslFrameReader.Find(headers, name);
}
