using Orchestrator.Core.Errors;
using Orchestrator.Core.Transport;

namespace Orchestrator.Engine.Execution;

/// <summary>The connection a task uses: its host's, or its delegate_to host's (an inventory host or localhost).</summary>
internal sealed class ConnectionResolver(RunState run)
{
    public async Task<IHostConnection> ForHostAsync(HostState host, CancellationToken cancellationToken) =>
        await run.Connections.GetAsync(host.Name, ConnectionVariables(host.Host.Variables), cancellationToken);

    public async Task<IHostConnection> ForTaskAsync(HostState host, string? delegateTo, CancellationToken cancellationToken)
    {
        if (delegateTo is null || delegateTo == host.Name)
        {
            return await ForHostAsync(host, cancellationToken);
        }

        if (run.Inventory.FindHost(delegateTo) is { } target)
        {
            return await run.Connections.GetAsync(target.Name, ConnectionVariables(target.Variables), cancellationToken);
        }

        if (delegateTo is "localhost" or "127.0.0.1")
        {
            return await run.Connections.GetAsync(
                "localhost",
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["ansible_connection"] = "local", ["ansible_host"] = "localhost" },
                cancellationToken);
        }

        throw new UserInputException($"delegate_to '{delegateTo}' is neither an inventory host nor localhost");
    }

    /// <summary>Connection settings: the inventory's, with ansible_* extra vars on top (as Ansible lets -e override them).</summary>
    private Dictionary<string, object?> ConnectionVariables(IReadOnlyDictionary<string, object?> inventoryVariables)
    {
        var vars = new Dictionary<string, object?>(inventoryVariables, StringComparer.Ordinal);
        foreach (var (k, v) in run.Options.ExtraVars)
        {
            if (k.StartsWith("ansible_", StringComparison.Ordinal))
            {
                vars[k] = v;
            }
        }

        return vars;
    }
}
