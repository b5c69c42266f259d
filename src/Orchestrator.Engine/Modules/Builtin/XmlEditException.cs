namespace Orchestrator.Engine.Modules.Builtin;

/// <summary>The XML edit cannot be done as asked (not well-formed, a bad xpath, nothing to create the element under).</summary>
internal sealed class XmlEditException(string message) : ModuleException(message);
