using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Modules;

/// <summary>What a module sees while planning and applying on one host.</summary>
public sealed class ModuleContext
{
    private readonly IHostConnection? _connection;
    private readonly List<string> _reads = [];
    private readonly IModuleServices _services;

    internal ModuleContext(
        string hostName,
        IHostConnection? connection,
        ModuleArguments arguments,
        IModuleServices services,
        bool check,
        bool diff,
        bool become,
        string? becomeUser)
    {
        HostName = hostName;
        _connection = connection;
        Arguments = arguments;
        _services = services;
        Check = check;
        Diff = diff;
        Become = become;
        BecomeUser = becomeUser;
    }

    public string HostName { get; }

    public ModuleArguments Arguments { get; }

    /// <summary>True in check mode: the engine will only plan.</summary>
    public bool Check { get; }

    /// <summary>True when diffs are wanted; a module may skip downloading old content otherwise.</summary>
    public bool Diff { get; }

    public bool Become { get; }

    public string? BecomeUser { get; }

    /// <summary>The task's <c>environment</c>, exported to every command the module runs.</summary>
    /// <summary>The task's <c>async</c>/<c>poll</c>, for the modules that run a command as a job (command, shell).</summary>
    internal AsyncSettings? Async { get; init; }

    internal IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public TimeProvider TimeProvider => _services.TimeProvider;

    public SecretRedactor Redactor => _services.Redactor;

    /// <summary>
    /// The connection to the host (or to the delegate_to host). Modules reach it only through the methods below,
    /// which apply the task's become settings and turn transport failures into <see cref="ModuleException"/>.
    /// </summary>
    internal IHostConnection Connection =>
        _connection ?? throw new InvalidOperationException("this module runs on the controller and has no connection");

    /// <summary>Resources (paths, "sysctl:KEY", "service:NAME") that earlier tasks would change in this check run.</summary>
    public IReadOnlyCollection<string> PendingChanges => _services.PendingChanges;

    internal IReadOnlyList<string> Reads => _reads;

    /// <summary>Declares that the plan depends on a resource; if an earlier unapplied change touches it, the plan becomes unknown.</summary>
    public void ReadResource(string resource) => _reads.Add(resource);

    /// <summary>
    /// Runs a script on the host with the task's become settings. Build it with <see cref="RemoteCommand.Script"/>: constant
    /// text that reads every value as a positional parameter (<c>"$1"</c>...), never a value spliced into the text.
    /// </summary>
    /// <exception cref="Core.Errors.UserInputException">A value contains a NUL character.</exception>
    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken, TimeSpan? timeout = null, Secret? stdin = null, StdinReply? reply = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        command = RemoteEnvironment.Apply(command, Environment);
        if (command.Arguments.Any(a => a.Contains('\0', StringComparison.Ordinal)))
        {
            throw Error("a value contains a NUL character, which no remote command can carry");
        }

        return Connection.RunAsync(command with { Become = Become, BecomeUser = BecomeUser, Timeout = timeout, Stdin = stdin, Reply = reply }, cancellationToken);
    }

    /// <summary>Writes a file on the host atomically (<see cref="IHostConnection.UploadAsync"/>) with the task's become settings.</summary>
    /// <exception cref="ModuleException">The transfer failed.</exception>
    public async Task<UploadResult> UploadAsync(FileUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        try
        {
            return await Connection.UploadAsync(upload with { Become = Become, BecomeUser = BecomeUser }, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new ModuleException(ex.Message, ex);
        }
    }

    /// <summary>Reads a whole file from the host, or null when it does not exist.</summary>
    /// <exception cref="ModuleException">The file exists but cannot be read.</exception>
    public async Task<byte[]?> DownloadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await Connection.DownloadAsync(path, Become, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException ex)
        {
            throw new ModuleException(ex.Message, ex);
        }
    }

    /// <summary>Evaluates a Jinja-style condition with the task's variables.</summary>
    public bool EvaluateCondition(string expression) => _services.EvaluateCondition(expression);

    /// <summary>Evaluates a bare expression (no braces) with the task's variables.</summary>
    public object? EvaluateExpression(string expression) => _services.EvaluateExpression(expression);

    /// <summary>Renders a template file (Scriban, with the Jinja-style expression layer) with the task's variables.</summary>
    public string RenderTemplateFile(string path) => _services.RenderTemplateFile(path);

    /// <summary>A controller file's bytes (a copy source), decrypted on the controller when it is Ansible Vault encrypted.</summary>
    public byte[] ReadLocalFile(string path) => _services.ReadLocalFile(path);

    /// <summary>The run's vault decryptor, for vars files a module reads; null when none was given.</summary>
    public Core.Vault.VaultDecryptor? Vault => _services.Vault;

    /// <summary>Finds a controller-side file the way Ansible does: absolute, else under the playbook's <paramref name="subdirectory"/>, else next to the playbook.</summary>
    public string ResolveLocalPath(string path, string subdirectory) => _services.ResolveLocalPath(path, subdirectory);

    /// <summary>A read-only view of the task's variables (for modules like debug).</summary>
    /// <summary>The directory of the file the task was written in (include_vars <c>dir</c> is relative to it).</summary>
    internal string TaskDirectory => _services.TaskDirectory;

    public bool TryGetVariable(string name, out object? value) => _services.TryGetVariable(name, out value);

    /// <summary>An error about this task, located at it.</summary>
    public UserInputException Error(string message) => Arguments.Error(message);
}
