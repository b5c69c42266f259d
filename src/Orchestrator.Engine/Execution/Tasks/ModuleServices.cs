using Orchestrator.Core.Errors;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Modules;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>What modules reach through <see cref="ModuleContext"/>: the task's variables, templates, files and time.</summary>
/// <param name="reads">Collects the variables read, so check mode can tell when a plan used a value not known yet.</param>
/// <param name="pending">Check mode: the host's resources that earlier tasks would change.</param>
internal sealed class ModuleServices(RunState run, TaskDefinition task, VariableScope scope, HashSet<string> reads, HashSet<string> pending) : IModuleServices
{
    private readonly SourceLocation location = task.Location;

    public TimeProvider TimeProvider => run.Time;

    public SecretRedactor Redactor => run.Redactor;

    public IReadOnlyCollection<string> PendingChanges => pending;

    public bool EvaluateCondition(string expression) => run.Templates.EvaluateCondition(expression, scope, location, n => reads.Add(n));

    public object? EvaluateExpression(string expression) => run.Templates.EvaluateExpression(expression, scope, location, n => reads.Add(n));

    public string RenderTemplateFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot read template '{path}': {ex.Message}", location);
        }

        if (VaultEnvelope.IsEncrypted(text))
        {
            text = Encoding.UTF8.GetString(Decrypt(text, path));
        }

        return run.Templates.RenderFile(text, path, scope, n => reads.Add(n));
    }

    public VaultDecryptor? Vault => run.Options.Vault;

    public byte[] ReadLocalFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().StartsWith(VaultHeader) ? Decrypt(Encoding.UTF8.GetString(bytes), path) : bytes;
    }

    private static ReadOnlySpan<byte> VaultHeader => "$ANSIBLE_VAULT"u8;

    // Ansible decrypts copy/template sources on the controller; every line of one is a secret from then on.
    private byte[] Decrypt(string vaultText, string path)
    {
        var plaintext = (run.Options.Vault ?? VaultDecryptor.None).DecryptBytes(vaultText, new SourceLocation(path, 0, 0));
        foreach (var line in Encoding.UTF8.GetString(plaintext).Split('\n'))
        {
            run.Redactor.Add(line.Trim());
        }

        return plaintext;
    }

    /// <summary>The role's files/ or templates/ first, then the task file's and the playbook's directories (<see cref="LocalFileSearch"/>).</summary>
    public string ResolveLocalPath(string path, string subdirectory) => LocalFileSearch.Resolve(task, run.Playbook.Directory, path, subdirectory);

    public string TaskDirectory => Path.GetDirectoryName(Path.GetFullPath(location.File)) ?? run.Playbook.Directory;

    /// <summary>The directories searched for files of a kind (files, templates, vars), in order; fileglob globs in them.</summary>
    public IReadOnlyList<string> SearchDirectories(string subdirectory) => LocalFileSearch.Directories(task, run.Playbook.Directory, subdirectory);

    public bool TryGetVariable(string name, out object? value)
    {
        reads.Add(name);
        return scope.TryGet(name, out value, out _);
    }
}
