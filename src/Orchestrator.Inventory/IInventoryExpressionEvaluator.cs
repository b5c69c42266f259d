namespace Orchestrator.Inventory;

/// <summary>
/// Evaluates the Jinja2 expressions of a <c>plugin: constructed</c> file. The inventory does not reference the
/// template engine (it sits below it); the engine side supplies this, so the expressions have the playbooks'
/// semantics. Any exception thrown means "the expression failed" (undefined variable, bad syntax, bad filter):
/// the constructed plugin skips the entry, or stops with the message when <c>strict</c> is on.
/// </summary>
public interface IInventoryExpressionEvaluator
{
    /// <summary>The value of a bare expression (no braces), as plain data.</summary>
    object? Evaluate(string expression, IReadOnlyDictionary<string, object?> variables);

    /// <summary>The Jinja2 truth of a bare expression, as <c>{% if expression %}</c> decides it.</summary>
    bool IsTrue(string expression, IReadOnlyDictionary<string, object?> variables);

    /// <summary>A string that may hold <c>{{ }}</c> blocks, rendered to text.</summary>
    string Render(string text, IReadOnlyDictionary<string, object?> variables);
}
