using FreeSwitch.Config;
using FreeSwitch.Config.Sources;
using Orchestrator.Core.Secrets;
using Orchestrator.FreeSwitch.Configuration;

namespace Orchestrator.FreeSwitch.Tests.Configuration;

public sealed class ConfigSecretsTests
{
    private const string Xml = """
        <?xml version="1.0"?>
        <document type="freeswitch/xml">
          <X-PRE-PROCESS cmd="set" data="default_password=Dflt-pw-1234"/>
          <section name="configuration" description="Various Configuration">
            <configuration name="event_socket.conf" description="Socket Client">
              <settings>
                <param name="listen-ip" value="127.0.0.1"/>
                <param name="password" value="Esl-pw-77"/>
              </settings>
            </configuration>
            <configuration name="sofia.conf" description="sofia Endpoint">
              <profiles>
                <profile name="external">
                  <gateways>
                    <gateway name="carrier">
                      <param name="username" value="acct-0042"/>
                      <param name="password" value="Gw-pw-99"/>
                    </gateway>
                  </gateways>
                  <settings>
                    <param name="auth-calls" value="true"/>
                  </settings>
                </profile>
              </profiles>
            </configuration>
          </section>
          <section name="directory">
            <domain name="example">
              <user id="1000">
                <params>
                  <param name="password" value="$${default_password}"/>
                  <param name="vm-password" value="Vm-pw-1000"/>
                  <param name="a1-hash" value="0123456789abcdef0123456789abcdef"/>
                </params>
                <variables>
                  <variable name="toll_allow" value="domestic"/>
                </variables>
              </user>
              <user id="1001">
                <params>
                  <param name="password" value="password"/>
                  <param name="vm-password" value="4321"/>
                </params>
              </user>
            </domain>
          </section>
        </document>
        """;

    [Fact]
    public void Values_CredentialsByKey_AreFoundAndNothingElse()
    {
        var config = FreeSwitchConfiguration.Load(new InMemoryConfigSource().Add("/etc/freeswitch/freeswitch.xml", Xml), new ConfigLoadOptions());

        var values = ConfigSecrets.Values(config).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["0123456789abcdef0123456789abcdef", "4321", "Dflt-pw-1234", "Esl-pw-77", "Gw-pw-99", "Vm-pw-1000", "password"], values);
    }

    [Fact]
    public void Register_ConfigurationAndSettings_TheRedactorHidesEveryCredential()
    {
        var config = FreeSwitchConfiguration.Load(new InMemoryConfigSource().Add("/etc/freeswitch/freeswitch.xml", Xml), new ConfigLoadOptions());
        var redactor = new SecretRedactor();

        ConfigSecrets.Register(redactor, config, EffectiveSettings.From(config, "/etc/freeswitch"));

        Assert.Equal("[REDACTED] [REDACTED] [REDACTED] acct-0042 true", redactor.Redact("Esl-pw-77 Gw-pw-99 Dflt-pw-1234 acct-0042 true"));
        // A PIN and a placeholder are not searched for in free text: port 43210 and the word stay readable.
        Assert.Equal("port 43210, password", redactor.Redact("port 43210, password"));
    }
}
