using Orchestrator.FreeSwitch.Facts;

namespace Orchestrator.FreeSwitch.Tests.Support;

/// <summary>A facts contribution that runs a fixed script and keeps the text it got back.</summary>
internal sealed class TextContribution(string name, string script) : FactsContribution(name)
{
    public override string Script => script;

    /// <summary>True once the collector called <see cref="Read"/>.</summary>
    public bool WasRead { get; private set; }

    public string? Text { get; private set; }

    public override void Read(string? text)
    {
        WasRead = true;
        Text = text;
    }
}
