using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Inventory;

namespace Orchestrator.Engine.Templating;

/// <summary>
/// The playbooks' template engine lent to the inventory, for the expressions of <c>plugin: constructed</c>
/// files. The host's variables are one templatable layer, so a variable holding <c>{{ }}</c> is rendered when
/// read, as Ansible's inventory variables are.
/// </summary>
public sealed class InventoryExpressionEvaluator : IInventoryExpressionEvaluator
{
    private static readonly SourceLocation Location = new("constructed inventory expression", 0, 0);
    private readonly TemplateEngine _engine = new(new SecretRedactor());

    public object? Evaluate(string expression, IReadOnlyDictionary<string, object?> variables) =>
        _engine.EvaluateExpression(expression, Scope(variables), Location);

    public bool IsTrue(string expression, IReadOnlyDictionary<string, object?> variables) =>
        _engine.EvaluateCondition(expression, Scope(variables), Location);

    public string Render(string text, IReadOnlyDictionary<string, object?> variables) =>
        _engine.RenderText(text, Scope(variables), Location);

    private static VariableScope Scope(IReadOnlyDictionary<string, object?> variables) =>
        new([new VariableLayer(variables, Templatable: true)]);
}
