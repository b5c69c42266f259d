namespace Orchestrator.Engine.Templating;

/// <summary>A variable a template reads: its name and the constant keys read below it (<c>db.password</c>: db, [password]).</summary>
internal sealed record VariableReference(string Name, IReadOnlyList<string> Path);
