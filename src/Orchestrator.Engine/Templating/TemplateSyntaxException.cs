namespace Orchestrator.Engine.Templating;

/// <summary>A syntax error in an expression; <see cref="Offset"/> is the character offset in the translated text.</summary>
internal sealed class TemplateSyntaxException(string detail, int offset) : Exception(detail)
{
    public string Detail { get; } = detail;

    public int Offset { get; } = offset;
}
