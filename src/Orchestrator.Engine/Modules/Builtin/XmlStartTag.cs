namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>An element's start tag in the original text: its span, whether it closes itself, and its attributes.</summary>
internal sealed record XmlStartTag(string Name, int Start, int End, bool SelfClosing, int AttributesEnd, List<XmlAttributeSpan> Attributes);
