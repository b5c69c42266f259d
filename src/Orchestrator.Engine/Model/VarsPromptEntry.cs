using Orchestrator.Core.Errors;

namespace Orchestrator.Engine.Model;

/// <summary>One <c>vars_prompt</c> entry of a play: a variable asked for on the terminal before the play runs.</summary>
/// <param name="Prompt">The question (may be a template); null: Ansible's "input for NAME".</param>
/// <param name="Default">The value taken when the answer is empty or there is no terminal (may be a template); null: none.</param>
/// <param name="Private">The answer is not echoed and is a secret (Ansible's default).</param>
/// <param name="Confirm">Asked twice; asked again until both answers match.</param>
internal sealed record VarsPromptEntry(string Name, string? Prompt, object? Default, bool Private, bool Confirm, SourceLocation Location);
