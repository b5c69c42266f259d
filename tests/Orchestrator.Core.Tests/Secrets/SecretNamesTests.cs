using Orchestrator.Core.Secrets;

namespace Orchestrator.Core.Tests.Secrets;

public sealed class SecretNamesTests
{
    [Theory]
    [InlineData("ansible_password")]
    [InlineData("ansible_ssh_pass")]
    [InlineData("ansible_become_pass")]
    [InlineData("ansible_become_password")]
    [InlineData("db_pass")]
    [InlineData("DB_PASS")]
    [InlineData("esl_password")]
    [InlineData("api_token")]
    [InlineData("client_secret")]
    [InlineData("vault_passphrase")]
    [InlineData("pass")]
    public void IsSecretName_SecretLookingNames_AreSecret(string name) => Assert.True(SecretNames.IsSecretName(name), name);

    [Theory]
    [InlineData("ansible_ssh_private_key_file")]
    [InlineData("password_file")]
    [InlineData("bypass")]
    [InlineData("compass")]
    [InlineData("passenger")]
    [InlineData("rtp_start_port")]
    [InlineData("ansible_user")]
    public void IsSecretName_OrdinaryNames_AreNot(string name) => Assert.False(SecretNames.IsSecretName(name), name);
}
