using Orchestrator.Core.Errors;
using System.Text;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Vault;
using Orchestrator.Engine.Execution.Variables;
using Orchestrator.Engine.Modules;

namespace Orchestrator.Engine.Execution.Tasks;

/// <summary>What modules reach through <see cref="ModuleContext"/>: the task's variables, templates, files and time.</summary>
/// <param name="reads">Collects the variables read, so check mode can tell when a plan used a value not known yet.</param>
/// <param name="pending">Check mode: the host's resources that earlier tasks would change.</param>
internal sealed class ModuleServices(RunState run, VariableScope scope, SourceLocation location, HashSet<string> reads, HashSet<string> pending) : IModuleServices
{
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

    public string ResolveLocalPath(string path, string subdirectory)
    {
        if (Path.IsPathRooted(path))
        {
            return InputPath.FileProblem(path) is { } problem ? throw new UserInputException($"'{path}' {problem} on the controller", location) : path;
        }

        var candidates = new[] { Path.Combine(run.Playbook.Directory, subdirectory, path), Path.Combine(run.Playbook.Directory, path) };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new UserInputException(
                $"'{path}' {(candidates.Any(Directory.Exists) ? InputPath.IsADirectory : "not found")} (looked at {string.Join(" and ", candidates)})", location);
    }

    public bool TryGetVariable(string name, out object? value)
    {
        reads.Add(name);
        return scope.TryGet(name, out value, out _);
    }
}
