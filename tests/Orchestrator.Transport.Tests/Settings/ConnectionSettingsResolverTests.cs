using Orchestrator.Core.Errors;
using Orchestrator.Core.Secrets;
using Orchestrator.Testing;
using Orchestrator.Transport.Settings;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.Settings;

public sealed class ConnectionSettingsResolverTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CapturingLoggerFactory _log = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Resolve_NoVariables_DefaultsLikeOpenSsh()
    {
        var settings = Resolve("web1", new());

        var target = settings.Target!;
        Assert.Equal(ConnectionKind.Ssh, settings.Kind);
        Assert.Equal("web1", target.Host);
        Assert.Equal(22, target.Port);
        Assert.Equal("me", target.User);
        Assert.Equal([Home(".ssh/id_ed25519"), Home(".ssh/id_ecdsa"), Home(".ssh/id_rsa")], target.Identities.Select(i => i.Path));
        Assert.All(target.Identities, i => Assert.False(i.Explicit));
        Assert.Equal([Home(".ssh/known_hosts"), Home(".ssh/known_hosts2")], target.HostKeys.UserFiles);
        Assert.Equal(HostKeyChecking.Strict, target.HostKeys.Mode);
        Assert.Empty(settings.Jumps);
        Assert.False(settings.Become.Enabled);
    }

    [Fact]
    public void Resolve_AnsibleVariables_WinOverSshConfig()
    {
        WriteConfig("""
            Host 10.0.0.5
                User config-user
                Port 2200
                IdentityFile ~/.ssh/config_key
            """);
        var settings = Resolve("web1", new()
        {
            ["ansible_host"] = "10.0.0.5",
            ["ansible_port"] = 2222L,
            ["ansible_user"] = "deploy",
            ["ansible_ssh_private_key_file"] = "~/keys/deploy",
        });

        var target = settings.Target!;
        Assert.Equal("10.0.0.5", target.Host);
        Assert.Equal(2222, target.Port);
        Assert.Equal("deploy", target.User);
        Assert.Equal([Home("keys/deploy"), Home(".ssh/config_key")], target.Identities.Select(i => i.Path));
    }

    [Fact]
    public void Resolve_SshConfigHostNameUserPortAndKnownHosts_ApplyToTheInventoryName()
    {
        WriteConfig("""
            Host fs*
                HostName %h.lab.example
                User ops
                Port 2201
                UserKnownHostsFile ~/lab_known_hosts
                StrictHostKeyChecking accept-new
                HashKnownHosts yes
            """);

        var target = Resolve("fs3", new()).Target!;

        Assert.Equal("fs3.lab.example", target.Host);
        Assert.Equal("ops", target.User);
        Assert.Equal(2201, target.Port);
        Assert.Equal([Home("lab_known_hosts")], target.HostKeys.UserFiles);
        Assert.Equal(HostKeyChecking.AcceptNew, target.HostKeys.Mode);
        Assert.True(target.HostKeys.HashNewEntries);
    }

    [Fact]
    public void Resolve_SshCommonArgs_WinOverSshConfigButNotOverAnsibleVariables()
    {
        WriteConfig("Host *\n    UserKnownHostsFile /config/known_hosts\n    StrictHostKeyChecking yes\n    Port 2200\n");
        var target = Resolve("web1", new()
        {
            ["ansible_port"] = 2222,
            ["ansible_ssh_common_args"] = "-o UserKnownHostsFile=/lab/known_hosts -o 'StrictHostKeyChecking accept-new' -p 9999 -o ControlMaster=auto -C",
        }).Target!;

        Assert.Equal(["/lab/known_hosts"], target.HostKeys.UserFiles);
        Assert.Equal(HostKeyChecking.AcceptNew, target.HostKeys.Mode);
        Assert.Equal(2222, target.Port);
    }

    [Fact]
    public void Resolve_CliHostKeyOverride_BeatsEverything()
    {
        var settings = Resolve("web1", new() { ["ansible_ssh_common_args"] = "-o StrictHostKeyChecking=no" }, o => o.HostKeyCheckingOverride = HostKeyChecking.Strict);

        Assert.Equal(HostKeyChecking.Strict, settings.Target!.HostKeys.Mode);
    }

    [Fact]
    public void Resolve_JumpHostsFromArgsAndConfig_InheritKnownHostsAndKeys()
    {
        WriteConfig("""
            Host bastion
                HostName 192.0.2.10
                User jump
            Host inner-bastion
                ProxyJump bastion
            """);
        var settings = Resolve("web1", new()
        {
            ["ansible_host"] = "10.0.0.5",
            ["ansible_ssh_private_key_file"] = "/keys/k",
            ["ansible_password"] = "target-only",
            ["ansible_ssh_common_args"] = "-o UserKnownHostsFile=/lab/kh -J inner-bastion,ops@third:2022",
        });

        Assert.Equal(["192.0.2.10", "inner-bastion", "third"], settings.Jumps.Select(j => j.Host));
        Assert.Equal(["jump", "me", "ops"], settings.Jumps.Select(j => j.User));
        Assert.Equal(2022, settings.Jumps[2].Port);
        Assert.All(settings.Jumps, j => Assert.Equal(["/lab/kh"], j.HostKeys.UserFiles));
        Assert.All(settings.Jumps, j => Assert.Equal(["/keys/k"], j.Identities.Select(i => i.Path)));
        Assert.NotNull(settings.Target!.Password);
        Assert.All(settings.Jumps, j => Assert.Null(j.Password));
        Assert.Equal("third (jump host for web1)", settings.Jumps[2].DisplayName);
    }

    [Fact]
    public void Resolve_ProxyJumpNone_DisablesAConfiguredJump()
    {
        WriteConfig("Host *\n    ProxyJump bastion\n");

        Assert.Empty(Resolve("web1", new() { ["ansible_ssh_extra_args"] = "-o ProxyJump=none" }).Jumps);
    }

    [Fact]
    public void Resolve_ProxyCommand_ClearErrorWithLocation()
    {
        var path = WriteConfig("Host web1\n    ProxyCommand ssh -W %h:%p bastion\n");

        var error = Assert.Throws<UserInputException>(() => Resolve("web1", new()));

        Assert.Contains("ProxyCommand is not supported", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{path}:2:5", error.Location.ToString());
    }

    [Fact]
    public void Resolve_Passwords_BecomeSecretsAndAreRegisteredForRedaction()
    {
        var redactor = new SecretRedactor();
        var settings = Resolve("web1", new()
        {
            ["ansible_password"] = "ssh-pass-123",
            ["ansible_become_pass"] = new Secret("sudo-pass-456"),
            ["ansible_become"] = "yes",
            ["ansible_become_user"] = "postgres",
        }, o => o.Redactor = redactor);

        Assert.Equal("ssh-pass-123", settings.Target!.Password!.Reveal());
        Assert.Equal("sudo-pass-456", settings.Become.Password!.Reveal());
        Assert.True(settings.Become.Enabled);
        Assert.Equal("postgres", settings.Become.User);
        Assert.Equal("a [REDACTED] b [REDACTED]", redactor.Redact("a ssh-pass-123 b sudo-pass-456"));
    }

    [Fact]
    public void Resolve_LocalConnection_NeedsNoSshSettings()
    {
        var settings = Resolve("localhost", new() { ["ansible_connection"] = "local" });

        Assert.Equal(ConnectionKind.Local, settings.Kind);
        Assert.Null(settings.Target);
    }

    [Theory]
    [InlineData("ansible_connection", "winrm", "ansible_connection 'winrm' is not supported; expected 'ssh' or 'local'")]
    [InlineData("ansible_port", "ssh", "ansible_port must be a port number from 1 to 65535; found 'ssh'")]
    [InlineData("ansible_become", "perhaps", "ansible_become must be a boolean (true/false, yes/no); found 'perhaps'")]
    [InlineData("ansible_become_method", "su", "ansible_become_method 'su' is not supported; expected 'sudo'")]
    [InlineData("ansible_ssh_common_args", "-o 'unterminated", "cannot split '-o 'unterminated': a single quote is not closed.")]
    [InlineData("ansible_ssh_common_args", "-o Port=0", "bad value '0' for port")]
    public void Resolve_BadVariables_ClearErrorsNamingHostAndVariable(string name, object value, string message)
    {
        var error = Assert.Throws<UserInputException>(() => Resolve("web1", new() { [name] = value }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("web1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PasswordOfWrongType_ErrorDoesNotEchoTheValue()
    {
        var error = Assert.Throws<UserInputException>(() => Resolve("web1", new() { ["ansible_password"] = new List<object?> { "secret-in-a-list" } }));

        Assert.DoesNotContain("secret-in-a-list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SshArgsConfigFile_ReplacesTheDefaultConfig()
    {
        WriteConfig("Host *\n    User from-default\n");
        var other = _temp.Write("other_config", "Host *\n    User from-F\n");

        Assert.Equal("from-F", Resolve("web1", new() { ["ansible_ssh_common_args"] = $"-F {other}" }).Target!.User);
    }

    private HostConnectionSettings Resolve(string host, Dictionary<string, object?> variables, Action<TransportOptions>? configure = null)
    {
        var options = new TransportOptions { HomeDirectory = _temp.Path, LocalUserName = "me" };
        configure?.Invoke(options);
        return new ConnectionSettingsResolver(options, _log.CreateLogger("test")).Resolve(host, variables);
    }

    private string WriteConfig(string text) => _temp.Write(".ssh/config", text + "\n");

    private string Home(string relative) => Path.Combine(_temp.Path, relative);
}
