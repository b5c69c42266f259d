namespace Orchestrator.Core.Configuration;

/// <summary>Ansible's names of the settings this tool implements.</summary>
public static class SettingNames
{
    public const string Inventory = "DEFAULT_HOST_LIST";
    public const string RolesPath = "DEFAULT_ROLES_PATH";
    public const string RemoteUser = "DEFAULT_REMOTE_USER";
    public const string PrivateKeyFile = "DEFAULT_PRIVATE_KEY_FILE";
    public const string HostKeyChecking = "HOST_KEY_CHECKING";
    public const string Forks = "DEFAULT_FORKS";
    public const string Timeout = "DEFAULT_TIMEOUT";
    public const string Gathering = "DEFAULT_GATHERING";
    public const string RetryFilesEnabled = "RETRY_FILES_ENABLED";
    public const string VaultPasswordFile = "DEFAULT_VAULT_PASSWORD_FILE";
    public const string VaultIdentityList = "DEFAULT_VAULT_IDENTITY_LIST";
    public const string Become = "DEFAULT_BECOME";
    public const string BecomeMethod = "DEFAULT_BECOME_METHOD";
    public const string BecomeUser = "DEFAULT_BECOME_USER";
    public const string BecomeAskPass = "DEFAULT_BECOME_ASK_PASS";
    public const string SshArgs = "ssh_args";
    public const string Pipelining = "pipelining";

    /// <summary>The connection plugin whose options <see cref="SshArgs"/> and <see cref="Pipelining"/> are.</summary>
    public const string SshPlugin = "ssh";
}
