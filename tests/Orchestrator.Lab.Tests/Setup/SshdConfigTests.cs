using Orchestrator.Lab.Setup;

namespace Orchestrator.Lab.Tests.Setup;

public sealed class SshdConfigTests
{
    [Fact]
    public void Compose_NoExtraLines_HasTheLabDefaults()
    {
        var text = SshdConfig.Compose(null);
        Assert.Contains("PermitRootLogin yes\n", text, StringComparison.Ordinal);
        Assert.Contains("PasswordAuthentication yes\n", text, StringComparison.Ordinal);
        Assert.Contains("AuthorizedKeysFile /etc/ssh/lab_authorized_keys/%u\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ExtraLineSetsAKeyword_ReplacesTheDefault()
    {
        var text = SshdConfig.Compose(["PasswordAuthentication no"]);
        Assert.DoesNotContain("PasswordAuthentication yes", text, StringComparison.Ordinal);
        Assert.EndsWith("PasswordAuthentication no\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_MatchBlock_ComesAfterEveryDefault()
    {
        var text = SshdConfig.Compose(["Match User labpass", "  PasswordAuthentication no"]);
        var match = text.IndexOf("Match User labpass", StringComparison.Ordinal);
        Assert.True(match > text.IndexOf("Subsystem sftp", StringComparison.Ordinal));
        Assert.True(match > text.IndexOf("PermitRootLogin yes", StringComparison.Ordinal));
        Assert.Contains("PasswordAuthentication yes\n", text, StringComparison.Ordinal);
    }
}
