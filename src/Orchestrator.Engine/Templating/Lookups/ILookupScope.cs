namespace Orchestrator.Engine.Templating.Lookups;

/// <summary>The variables a lookup sees (those of the template that calls it), and rendering with them.</summary>
internal interface ILookupScope
{
    /// <summary>A variable's value, its own templates rendered.</summary>
    bool TryGetVariable(string name, out object? value);

    /// <summary>Renders a template file's text with these variables.</summary>
    string RenderFile(string text, string path);
}
