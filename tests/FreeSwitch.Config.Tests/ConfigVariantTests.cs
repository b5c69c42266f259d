using FreeSwitch.Config;
using FreeSwitch.Config.Sources;

namespace FreeSwitch.Config.Tests;

/// <summary>Layouts FreeSWITCH accepts besides vanilla's, built in memory.</summary>
public sealed class ConfigVariantTests
{
    private const string Main = """
        <?xml version="1.0"?>
        <document type="freeswitch/xml">
          <X-PRE-PROCESS cmd="include" data="vars.xml"/>
          <section name="configuration" description="Various Configuration">
            <X-PRE-PROCESS cmd="include" data="autoload_configs/*.xml"/>
          </section>
        </document>
        """;

    private static InMemoryConfigSource Tree(string sofia, string? vars = null, string? switchConf = null) => new InMemoryConfigSource()
        .Add("/etc/freeswitch/freeswitch.xml", Main)
        .Add("/etc/freeswitch/vars.xml", vars ?? "<include>\n  <X-PRE-PROCESS cmd=\"set\" data=\"port=5070\"/>\n</include>\n")
        .Add("/etc/freeswitch/autoload_configs/sofia.conf.xml", sofia)
        .Add("/etc/freeswitch/autoload_configs/switch.conf.xml", switchConf ?? "<configuration name=\"switch.conf\">\n  <settings>\n  </settings>\n</configuration>\n");

    private static FreeSwitchConfiguration Load(IConfigFileSource source, string localIp = "192.0.2.10")
    {
        var options = new ConfigLoadOptions();
        options.RuntimeVariables["local_ip_v4"] = localIp;
        return FreeSwitchConfiguration.Load(source, options);
    }

    [Fact]
    public void Load_InlineProfile_ReadsItsSettingsAndDefaults()
    {
        var config = Load(Tree("""
            <configuration name="sofia.conf">
              <global_settings>
                <param name="capture-server" value="udp:10.9.9.9:9060;hep=2;capture_id=7"/>
              </global_settings>
              <profiles>
                <profile name="inline">
                  <settings>
                    <param name="sip-port" value="$${port}"/>
                    <param name="rtp-ip" value="10.1.1.1"/>
                    <param name="rtp-ip" value="10.1.1.2"/>
                    <param name="sip-capture" value="true"/>
                  </settings>
                </profile>
                <profile name="nosettings"/>
              </profiles>
            </configuration>
            """));

        var profile = config.Sofia.GetProfile("inline")!;
        Assert.Equal(5070, profile.SipPort);
        Assert.Equal("192.0.2.10", profile.SipIp);
        Assert.Equal(["10.1.1.1", "10.1.1.2"], profile.RtpIps);
        Assert.True(profile.SipCapture);
        Assert.False(config.Sofia.GetProfile("nosettings")!.HasSettings);
        Assert.Equal(new FreeSwitch.Config.Model.CaptureServer("udp:10.9.9.9:9060;hep=2;capture_id=7", "10.9.9.9", 9060, 2, 7), config.Sofia.CaptureServer);
    }

    [Fact]
    public void Load_MissingParams_CompiledDefaults()
    {
        var config = Load(Tree("<configuration name=\"sofia.conf\">\n  <profiles>\n    <profile name=\"p\">\n      <settings/>\n    </profile>\n  </profiles>\n</configuration>\n"));

        var profile = config.Sofia.GetProfile("p")!;
        Assert.Equal(5060, profile.SipPort);
        Assert.Equal(["192.0.2.10"], profile.RtpIps);
        Assert.False(profile.SipCapture);
        Assert.Null(profile.SipCaptureValue);
        Assert.Equal(16384, config.Switch.RtpStartPort);
        Assert.Equal(32768, config.Switch.RtpEndPort);
        Assert.False(config.Switch.RtpPortUsageRobustness);
        Assert.Equal("127.0.0.1", config.EventSocket.ListenIp);
        Assert.Equal(8021, config.EventSocket.ListenPort);
    }

    [Fact]
    public void Load_RtpRangeAndRobustness_ReadFromSwitchConf()
    {
        var config = Load(Tree(
            "<configuration name=\"sofia.conf\"/>\n",
            switchConf: "<configuration name=\"switch.conf\">\n  <settings>\n    <param name=\"rtp-start-port\" value=\"10000\"/>\n    <param name=\"rtp-end-port\" value=\"not-a-number\"/>\n    <param name=\"RTP-Port-Usage-Robustness\" value=\"true\"/>\n  </settings>\n</configuration>\n"));

        Assert.Equal(10000, config.Switch.RtpStartPort);
        Assert.False(config.Switch.RtpStartPortIsDefault);
        Assert.Equal(32768, config.Switch.RtpEndPort);
        Assert.True(config.Switch.RtpEndPortIsDefault);
        Assert.True(config.Switch.RtpPortUsageRobustness);
        Assert.Equal(new ConfigLocation("/etc/freeswitch/autoload_configs/switch.conf.xml", 3, 5), config.Switch.RtpStartPortLocation);
    }

    [Fact]
    public void Load_ProfilesIncludedFromNestedDirectory_RelativeToTheIncludingFile()
    {
        var source = Tree("""
            <configuration name="sofia.conf">
              <profiles>
                <X-PRE-PROCESS cmd="include" data="../profiles/*.xml"/>
                <!--#include "/opt/extra/edge.xml"-->
              </profiles>
            </configuration>
            """)
            .Add("/etc/freeswitch/profiles/b.xml", "<include>\n<profile name=\"b\"><settings>\n<X-PRE-PROCESS cmd=\"include\" data=\"common/*.xml\"/>\n</settings></profile>\n</include>\n")
            .Add("/etc/freeswitch/profiles/a.xml", "<profile name=\"a\"><settings/></profile>\n")
            .Add("/etc/freeswitch/profiles/.hidden.xml", "<profile name=\"hidden\"><settings/></profile>\n")
            .Add("/etc/freeswitch/profiles/common/port.xml", "<include>\n<param name=\"sip-port\" value=\"5999\"/>\n</include>\n")
            .Add("/opt/extra/edge.xml", "<profile name=\"edge\"><settings/></profile>\n");

        var config = Load(source);

        Assert.Equal(["a", "b", "edge"], config.Sofia.Profiles.Select(p => p.Name));
        Assert.Equal(5999, config.Sofia.GetProfile("b")!.SipPort);
    }

    [Fact]
    public void Load_XPreProcessLine_IsConsumedWhole()
    {
        // FreeSWITCH drops the whole line that holds an X-PRE-PROCESS: the profile written on it is lost.
        var source = Tree("<configuration name=\"sofia.conf\">\n<profiles>\n<profile name=\"lost\"><settings/></profile><X-PRE-PROCESS cmd=\"set\" data=\"x=1\"/>\n<profile name=\"kept\"><settings/></profile>\n</profiles>\n</configuration>\n");

        var config = Load(source);

        Assert.Equal(["kept"], config.Sofia.Profiles.Select(p => p.Name));
        Assert.Equal("1", config.Variables["x"]);
    }

    [Fact]
    public void Load_IncludeOfEmptyDirectory_WarnsAndGoesOn()
    {
        var source = Tree("<configuration name=\"sofia.conf\">\n<profiles>\n<X-PRE-PROCESS cmd=\"include\" data=\"../sip_profiles/*.xml\"/>\n</profiles>\n</configuration>\n")
            .AddDirectory("/etc/freeswitch/sip_profiles");

        var config = Load(source);

        Assert.Empty(config.Sofia.Profiles);
        Assert.Contains(config.Warnings, w => w.Message == "Couldnt open /etc/freeswitch/sip_profiles/*.xml (No such file or directory)");
    }

    [Fact]
    public void Load_PreprocessorPitfalls_BehaveAsFreeSwitch()
    {
        var vars = """
            <include>
              <X-PRE-PROCESS cmd="set" data="a=first"/>
              <X-PRE-PROCESS cmd="set" data="b = $${a}-second "/>
              <!-- <X-PRE-PROCESS cmd="set" data="commented=still-runs"/> -->
              <XX-PRE-PROCESS cmd="set" data="xx=never"/>
              <!--#set "hashset=yes"-->
              <!--#comment
                   <X-PRE-PROCESS cmd="set" data="insidecomment=no"/>
              -->
              <X-PRE-PROCESS cmd="set" data="a=changed"/>
              <X-PRE-PROCESS cmd="env-set" data="fromenv=$HOME"/>
              <X-PRE-PROCESS cmd="exec-set" data="fromexec=hostname -f"/>
            </include>
            """;
        var options = new ConfigLoadOptions();
        options.RuntimeVariables["local_ip_v4"] = "192.0.2.10";
        options.CommandResults["fromexec"] = "fs1.example";

        var config = FreeSwitchConfiguration.Load(Tree("<configuration name=\"sofia.conf\"/>\n", vars), options);

        Assert.Equal("changed", config.Variables["a"]);
        Assert.Equal("first-second ", config.Variables["b"]);
        Assert.Equal("still-runs", config.Variables["commented"]);
        Assert.False(config.Variables.ContainsKey("xx"));
        Assert.Equal("yes", config.Variables["hashset"]);
        Assert.False(config.Variables.ContainsKey("insidecomment"));
        Assert.False(config.Variables.ContainsKey("fromenv"));
        Assert.Equal("fs1.example", config.Variables["fromexec"]);
        Assert.Contains(config.Warnings, w => w.Message.StartsWith("env-set fromenv=$HOME not run here", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RuntimeVariableOverride_ReachesAttributes()
    {
        var config = Load(Tree("<configuration name=\"sofia.conf\">\n<profiles>\n<profile name=\"p\"><settings><param name=\"sip-ip\" value=\"$${local_ip_v4}\"/><param name=\"ext-rtp-ip\" value=\"$${unset_var}\"/></settings></profile>\n</profiles>\n</configuration>\n"), "198.51.100.4");

        Assert.Equal("198.51.100.4", config.Sofia.GetProfile("p")!.SipIp);
        Assert.Equal(string.Empty, config.Sofia.GetProfile("p")!.GetParam("ext-rtp-ip")!.Value);
        Assert.Null(config.Sofia.GetProfile("p")!.ExtRtpIp);
    }

    [Fact]
    public void Load_MalformedIncludedFile_ErrorPointsIntoThatFile()
    {
        var source = Tree("<configuration name=\"sofia.conf\">\n  <profiles>\n    <X-PRE-PROCESS cmd=\"include\" data=\"../sip_profiles/*.xml\"/>\n  </profiles>\n</configuration>\n")
            .Add("/etc/freeswitch/sip_profiles/broken.xml", "<profile name=\"broken\">\n  <settings>\n    <param name=\"sip-port\" value=\"5060\">\n  </settings>\n</profile>\n");

        var error = Assert.Throws<FreeSwitchConfigException>(() => Load(source));

        Assert.Equal("/etc/freeswitch/sip_profiles/broken.xml", error.Location!.Value.File);
        Assert.Equal(4, error.Location.Value.Line);
        Assert.Equal(5, error.Location.Value.Column);
        Assert.StartsWith("/etc/freeswitch/sip_profiles/broken.xml:4:5: malformed XML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingMainFile_ClearError()
    {
        var error = Assert.Throws<FreeSwitchConfigException>(() => Load(new InMemoryConfigSource()));

        Assert.Contains("/etc/freeswitch/freeswitch.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTar_HostTree_LoadsLikeTheDirectory()
    {
        using var tar = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(tar, leaveOpen: true))
        {
            foreach (var (path, text) in new[]
            {
                ("etc/freeswitch/freeswitch.xml", Main),
                ("etc/freeswitch/vars.xml", "<include>\n<X-PRE-PROCESS cmd=\"set\" data=\"port=5090\"/>\n</include>\n"),
                ("etc/freeswitch/autoload_configs/sofia.conf.xml", "<configuration name=\"sofia.conf\">\n<profiles>\n<profile name=\"t\"><settings><param name=\"sip-port\" value=\"$${port}\"/></settings></profile>\n</profiles>\n</configuration>\n"),
            })
            {
                var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, path) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) };
                writer.WriteEntry(entry);
            }
        }

        tar.Position = 0;
        var config = Load(InMemoryConfigSource.FromTar(tar));

        Assert.Equal(5090, config.Sofia.GetProfile("t")!.SipPort);
    }
}
