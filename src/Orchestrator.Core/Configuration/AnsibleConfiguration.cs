namespace Orchestrator.Core.Configuration;

/// <summary>
/// The resolved ansible.cfg settings: for each setting the command line has not given, the environment variable, else
/// the file, else our default. Typed accessors for the commands; <see cref="Settings"/> with origins for <c>config dump</c>.
/// </summary>
public sealed class AnsibleConfiguration
{
    private readonly Dictionary<string, ResolvedSetting> _byName;

    internal AnsibleConfiguration(string? configFile, IReadOnlyList<ResolvedSetting> settings, IReadOnlyList<IgnoredKey> ignored, IReadOnlyList<string> warnings)
    {
        ConfigFile = configFile;
        Settings = settings;
        IgnoredKeys = ignored;
        Warnings = warnings;
        _byName = settings.ToDictionary(s => s.Definition.Name, StringComparer.Ordinal);
    }

    /// <summary>The file in use, or null when none was found.</summary>
    public string? ConfigFile { get; }

    public IReadOnlyList<ResolvedSetting> Settings { get; }

    public IReadOnlyList<IgnoredKey> IgnoredKeys { get; }

    /// <summary>What to tell the user on stderr (e.g. an ansible.cfg skipped in a world-writable directory).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Inventory sources (<c>inventory</c>, <c>ANSIBLE_INVENTORY</c>); empty when not set.</summary>
    public IReadOnlyList<string> Inventory => List(SettingNames.Inventory);

    public IReadOnlyList<string> RolesPath => List(SettingNames.RolesPath);

    public string? RemoteUser => Value<string>(SettingNames.RemoteUser);

    public string? PrivateKeyFile => Value<string>(SettingNames.PrivateKeyFile);

    public bool HostKeyChecking => (bool)this[SettingNames.HostKeyChecking].Value!;

    /// <summary>Forks when set in the environment or the file; null leaves each command its own default.</summary>
    public int? Forks => IsSet(SettingNames.Forks) ? (int)this[SettingNames.Forks].Value! : null;

    public int Timeout => (int)this[SettingNames.Timeout].Value!;

    /// <summary>Whether plays without <c>gather_facts</c> gather: true for implicit and smart, false for explicit.</summary>
    public bool GatherFactsByDefault => Value<string>(SettingNames.Gathering) is "implicit" or "smart";

    public string? VaultPasswordFile => Value<string>(SettingNames.VaultPasswordFile);

    /// <summary><c>vault_identity_list</c>: <c>label@source</c> entries, as <c>--vault-id</c> takes them.</summary>
    public IReadOnlyList<string> VaultIdentityList => List(SettingNames.VaultIdentityList);

    public bool Become => (bool)this[SettingNames.Become].Value!;

    public string BecomeMethod => Value<string>(SettingNames.BecomeMethod)!;

    public string BecomeUser => Value<string>(SettingNames.BecomeUser)!;

    public bool BecomeAskPass => (bool)this[SettingNames.BecomeAskPass].Value!;

    public string? SshArgs => Value<string>(SettingNames.SshArgs);

    public ResolvedSetting this[string name] => _byName[name];

    /// <summary>True when the environment or the file set it (not our default).</summary>
    public bool IsSet(string name) => !_byName[name].Origin.IsDefault;

    private T? Value<T>(string name) where T : class => this[name].Value as T;

    private IReadOnlyList<string> List(string name) => this[name].Value as IReadOnlyList<string> ?? [];
}
