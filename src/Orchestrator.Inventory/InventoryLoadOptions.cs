namespace Orchestrator.Inventory;

/// <summary>What loading an inventory may need beyond its sources: an expression evaluator for constructed files, extra vars, script limits.</summary>
public sealed class InventoryLoadOptions
{
    /// <summary>The longest an inventory script may run (each <c>--list</c> or <c>--host</c> call) before it is killed.</summary>
    public static readonly TimeSpan DefaultScriptTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Evaluates constructed files' expressions; without it a <c>plugin: constructed</c> file is an error.</summary>
    public IInventoryExpressionEvaluator? Expressions { get; init; }

    /// <summary>The run's <c>-e</c> variables, which constructed expressions see with <c>use_extra_vars: true</c>.</summary>
    public IReadOnlyDictionary<string, object?> ExtraVars { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// Put <see cref="ExtraVars"/> on top of every host's variables, as ansible-inventory shows them with <c>-e</c>
    /// (a run keeps them in their own, highest level instead).
    /// </summary>
    public bool ExtraVarsInHostVariables { get; init; }

    /// <summary>Decrypts Ansible Vault files and <c>!vault</c> values; null: any vault data is an error when used.</summary>
    public Core.Vault.VaultDecryptor? Vault { get; init; }

    /// <summary>Keep inline <c>!vault</c> values encrypted (listings print them as <c>__ansible_vault</c>); otherwise they are secrets decrypted on first use.</summary>
    public bool KeepVaultedValues { get; init; }

    /// <summary>See <see cref="DefaultScriptTimeout"/>.</summary>
    public TimeSpan ScriptTimeout { get; init; } = DefaultScriptTimeout;
}
