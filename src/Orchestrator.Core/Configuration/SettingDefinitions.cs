namespace Orchestrator.Core.Configuration;

/// <summary>The settings this tool reads from ansible.cfg and the environment, as ansible-core 2.14 defines them.</summary>
public static class SettingDefinitions
{
    /// <summary>Our default number of forks for <c>run</c>: 50 where Ansible has 5, because a fleet rollout is mostly waiting on SSH.</summary>
    public const int DefaultForks = 50;

    public const int DefaultTimeout = 10;

    private const string Defaults = "defaults";
    private const string Escalation = "privilege_escalation";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        Base(SettingNames.Inventory, SettingType.PathList, null, "ANSIBLE_INVENTORY", Defaults, "inventory",
            "no default: -i, ANSIBLE_INVENTORY or this key must name the inventory (Ansible falls back to /etc/ansible/hosts)"),
        Base(SettingNames.RolesPath, SettingType.PathSpec, Array.Empty<string>(), "ANSIBLE_ROLES_PATH", Defaults, "roles_path",
            "no default entries (Ansible adds ~/.ansible/roles, /usr/share/ansible/roles and /etc/ansible/roles)"),
        Base(SettingNames.RemoteUser, SettingType.String, null, "ANSIBLE_REMOTE_USER", Defaults, "remote_user"),
        Base(SettingNames.PrivateKeyFile, SettingType.Path, null, "ANSIBLE_PRIVATE_KEY_FILE", Defaults, "private_key_file"),
        Base(SettingNames.HostKeyChecking, SettingType.Boolean, true, "ANSIBLE_HOST_KEY_CHECKING", Defaults, "host_key_checking"),
        Base(SettingNames.Forks, SettingType.Integer, DefaultForks, "ANSIBLE_FORKS", Defaults, "forks",
            "default 50 for run (Ansible: 5); exec keeps 5 and sweep 20 unless set"),
        Base(SettingNames.Timeout, SettingType.Integer, DefaultTimeout, "ANSIBLE_TIMEOUT", Defaults, "timeout"),
        Base(SettingNames.Gathering, SettingType.String, "explicit", "ANSIBLE_GATHERING", Defaults, "gathering",
            "default explicit (Ansible: implicit): facts are gathered only where a play asks, unless set; smart gathers like implicit"),
        Base(SettingNames.RetryFilesEnabled, SettingType.Boolean, false, "ANSIBLE_RETRY_FILES_ENABLED", Defaults, "retry_files_enabled",
            "accepted; orchestrator never writes retry files"),
        Base(SettingNames.VaultPasswordFile, SettingType.Path, null, "ANSIBLE_VAULT_PASSWORD_FILE", Defaults, "vault_password_file"),
        Base(SettingNames.VaultIdentityList, SettingType.List, Array.Empty<string>(), "ANSIBLE_VAULT_IDENTITY_LIST", Defaults, "vault_identity_list"),
        Base(SettingNames.Become, SettingType.Boolean, false, "ANSIBLE_BECOME", Escalation, "become"),
        Base(SettingNames.BecomeMethod, SettingType.String, "sudo", "ANSIBLE_BECOME_METHOD", Escalation, "become_method",
            "only sudo is supported"),
        Base(SettingNames.BecomeUser, SettingType.String, "root", "ANSIBLE_BECOME_USER", Escalation, "become_user"),
        Base(SettingNames.BecomeAskPass, SettingType.Boolean, false, "ANSIBLE_BECOME_ASK_PASS", Escalation, "become_ask_pass"),
        new(SettingNames.SshArgs, SettingNames.SshPlugin, SettingType.String, null, ["ANSIBLE_SSH_ARGS"], [new("ssh_connection", "ssh_args")],
            "no default (Ansible's -C -o ControlMaster=auto -o ControlPersist=60s are OpenSSH client options; we speak SSH ourselves)"),
        new(SettingNames.Pipelining, SettingNames.SshPlugin, SettingType.Boolean, true, ["ANSIBLE_PIPELINING", "ANSIBLE_SSH_PIPELINING"],
            [new(Defaults, "pipelining"), new("connection", "pipelining"), new("ssh_connection", "pipelining")],
            "accepted; orchestrator always pipes commands over one session, so false changes nothing"),
    ];

    private static SettingDefinition Base(string name, SettingType type, object? fallback, string env, string section, string key, string? note = null) =>
        new(name, null, type, fallback, [env], [new IniEntry(section, key)], note);
}
