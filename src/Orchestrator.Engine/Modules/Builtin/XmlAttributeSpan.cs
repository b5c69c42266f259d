namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>One attribute in the original text: where its leading space and value start, the value's length and quote, and where it ends.</summary>
internal sealed record XmlAttributeSpan(string Name, int LeadingSpaceStart, int ValueStart, int ValueLength, char Quote, int End);
