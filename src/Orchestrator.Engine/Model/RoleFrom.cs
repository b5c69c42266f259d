namespace Orchestrator.Engine.Model;

/// <summary><c>tasks_from</c>, <c>vars_from</c>, <c>defaults_from</c>, <c>handlers_from</c> of import_role/include_role (null: main).</summary>
internal sealed record RoleFrom(string? Tasks, string? Vars, string? Defaults, string? Handlers)
{
    public static readonly RoleFrom Main = new(null, null, null, null);
}
