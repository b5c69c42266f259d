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

    /// <summary>A controller file's bytes, decrypted when it is Ansible Vault encrypted (its lines then secrets).</summary>
    byte[] ReadLocalFile(string path);

    /// <summary>Decrypts the run's Ansible Vault data (vars files a module reads, such as include_vars); null: none given.</summary>
    Core.Vault.VaultDecryptor? Vault { get; }

    string ResolveLocalPath(string path, string subdirectory);

    /// <summary>The directory of the file the task was written in.</summary>
    string TaskDirectory { get; }

    bool TryGetVariable(string name, out object? value);
}
