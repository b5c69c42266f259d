using Orchestrator.Cli.Commands;
using Orchestrator.Core.Configuration;
using Orchestrator.Core.Secrets;
using Orchestrator.Transport;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>ansible.cfg's connection settings are defaults: a host's own variables, under any alias, win as in Ansible.</summary>
public sealed class ConfiguredConnectorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orchestrator-connector-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WithDefaults_HostSetsNothing_GetsTheConfigsValues()
    {
        using var connector = Connector("remote_user = deploy\nprivate_key_file = keys/id\nhost_key_checking = False\n[privilege_escalation]\nbecome_user = app\n[ssh_connection]\nssh_args = -o A=1\n  -o B=2\n");

        var vars = connector.WithDefaults(new Dictionary<string, object?> { ["ansible_connection"] = "ssh" });

        Assert.Equal("deploy", vars["ansible_user"]);
        Assert.Equal(Path.Combine(_dir, "keys", "id"), vars["ansible_ssh_private_key_file"]);
        Assert.Equal(false, vars["ansible_host_key_checking"]);
        Assert.Equal("app", vars["ansible_become_user"]);
        Assert.Equal("-o A=1 -o B=2", vars["ansible_ssh_args"]);
    }

    [Theory]
    [InlineData("ansible_user")]
    [InlineData("ansible_ssh_user")]
    public void WithDefaults_HostSetsTheUserUnderAnyAlias_HostWins(string alias)
    {
        using var connector = Connector("remote_user = deploy\n");

        var vars = connector.WithDefaults(new Dictionary<string, object?> { [alias] = "own" });

        Assert.Equal("own", vars[alias]);
        Assert.False(vars.ContainsKey(alias == "ansible_user" ? "ansible_ssh_user" : "ansible_user"));
    }

    [Fact]
    public void WithDefaults_NothingSet_HostVariablesUnchanged()
    {
        using var connector = Connector("forks = 3\n");
        var host = new Dictionary<string, object?> { ["ansible_host"] = "10.0.0.1" };

        Assert.Same(host, connector.WithDefaults(host));
    }

    [Fact]
    public void WithDefaults_BecomeAskPass_AsksOnceAndHostPasswordWins()
    {
        var asked = 0;
        using var connector = Connector("[privilege_escalation]\nbecome_ask_pass = yes\n", () => { asked++; return new Secret("typed"); });

        var first = connector.WithDefaults(new Dictionary<string, object?>());
        var second = connector.WithDefaults(new Dictionary<string, object?>());
        var own = connector.WithDefaults(new Dictionary<string, object?> { ["ansible_become_pass"] = "own" });

        Assert.Equal("typed", ((Secret)first["ansible_become_password"]!).Reveal());
        Assert.Same(first["ansible_become_password"], second["ansible_become_password"]);
        Assert.False(own.ContainsKey("ansible_become_password"));
        Assert.Equal(1, asked);
    }

    private ConfiguredConnector Connector(string defaults, Func<Secret>? ask = null)
    {
        var path = Path.Combine(_dir, "ansible.cfg");
        File.WriteAllText(path, defaults.StartsWith('[') ? defaults : "[defaults]\n" + defaults);
        var config = AnsibleConfigurationLoader.Load(new ConfigEnvironment(n => n == "ANSIBLE_CONFIG" ? path : null, _dir, _dir), Path.Combine(_dir, "none.cfg"));
        return new ConfiguredConnector(new HostConnector(new TransportOptions()), config, ask);
    }
}
