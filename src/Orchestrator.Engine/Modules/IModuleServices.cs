using Orchestrator.Core.Secrets;

namespace Orchestrator.Engine.Modules;

/// <summary>Engine services behind <see cref="ModuleContext"/>.</summary>
internal interface IModuleServices
{
    TimeProvider TimeProvider { get; }

    SecretRedactor Redactor { get; }

    IReadOnlyCollection<string> PendingChanges { get; }

    bool EvaluateCondition(string expression);

    object? EvaluateExpression(string expression);

    string RenderTemplateFile(string path);

    string ResolveLocalPath(string path, string subdirectory);

    /// <summary>The directory of the file the task was written in.</summary>
    string TaskDirectory { get; }

    bool TryGetVariable(string name, out object? value);
}
