using Orchestrator.Lab.Setup;
using Orchestrator.Lab.State;
using YamlDotNet.Serialization;

namespace Orchestrator.Lab.Tests.Setup;

public sealed class InventoryWriterTests
{
    [Fact]
    public void Write_Lab_AnsibleVariablesWithAbsolutePathsAndStrictHostKeys()
    {
        var state = new LabState
        {
            Name = "demo", Directory = "/tmp/demo lab", InterfacePrefix = "olabcde",
            Homer = new HostState { Name = "homer", Address = "10.240.0.2", Namespace = "olab-demo-homer", Veth = "olabcde-hm" },
            Hosts = [new HostState { Name = "fs1", Address = "10.240.0.10", Namespace = "olab-demo-fs1", Veth = "olabcde-1" }],
        };
        var yaml = InventoryWriter.Write(state, new LabLayout(state.Directory));
        var doc = new DeserializerBuilder().Build().Deserialize<Dictionary<string, Dictionary<string, object>>>(yaml);
        var vars = (Dictionary<object, object>)doc["all"]["vars"];
        Assert.Equal("labuser", vars["ansible_user"]);
        Assert.Equal("22", vars["ansible_port"]);
        Assert.Equal("/tmp/demo lab/id_ed25519", vars["ansible_ssh_private_key_file"]);
        Assert.Equal("-o UserKnownHostsFile=/tmp/demo lab/known_hosts -o StrictHostKeyChecking=yes", vars["ansible_ssh_common_args"]);
        var hosts = (Dictionary<object, object>)((Dictionary<object, object>)((Dictionary<object, object>)doc["all"]["children"])["freeswitch"])["hosts"];
        Assert.Equal("10.240.0.10", ((Dictionary<object, object>)hosts["fs1"])["ansible_host"]);
    }
}
