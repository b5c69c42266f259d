using System.Text;
using Orchestrator.Core.Errors;
using Orchestrator.Core.Vault;
using Orchestrator.Testing;

namespace Orchestrator.Core.Tests.Vault;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class VaultPasswordSourcesTests : IDisposable
{
    private readonly TempDirectory _dir = new("orchestrator-vaultpw-");

    public void Dispose() => _dir.Dispose();

    private static string? NoTerminal(string prompt) => null;

    private static string Text(VaultSecret s) => Encoding.UTF8.GetString(s.Password);

    private string Script(string name, string body)
    {
        var path = _dir.Write(name, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void Sources_AreReadInAnsiblesOrder_WithTheirLabels()
    {
        var file = _dir.Write("pw", "  file password \r\n");
        var labelled = _dir.Write("prod", "prod-pw\n");
        var listed = _dir.Write("listed", "listed-pw");
        var secrets = VaultPasswordSources.Load([$"cfg@{listed}"], [$"prod@{labelled}"], [file], askVaultPass: false, NoTerminal);

        Assert.Equal(["cfg", "prod", "default"], secrets.Select(s => s.Label));
        Assert.Equal(["listed-pw", "prod-pw", "file password"], secrets.Select(Text));
    }

    [Fact]
    public void ExecutableFile_IsRun_AndAClientScriptGetsItsVaultId()
    {
        var plain = Script("pass.sh", "echo from-script; echo \"args:$*\" >&2");
        var client = Script("keyring-client.py", "echo \"pw-for-$2\"");

        var secrets = VaultPasswordSources.Load([], [$"dev@{plain}", $"prod@{client}"], [], askVaultPass: false, NoTerminal);
        Assert.Equal("from-script", Text(secrets[0]));
        Assert.Equal("pw-for-prod", Text(secrets[1]));
    }

    [Fact]
    public void FailingScript_IsAnErrorWithItsStderr()
    {
        var script = Script("broken.sh", "echo nope >&2; exit 3");
        var ex = Assert.Throws<UserInputException>(() => VaultPasswordSources.Load([], [], [script], false, NoTerminal));
        Assert.Contains("returned non-zero (3)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "was not found")]
    [InlineData("empty", "the password is empty")]
    public void BadPasswordFiles_AreErrors(string name, string expected)
    {
        _dir.Write("empty", "\n\n");
        var ex = Assert.Throws<UserInputException>(() => VaultPasswordSources.Load([], [], [_dir.Combine(name)], false, NoTerminal));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompt_UsesAnsiblesPrompts_AndFailsClearlyWithoutATerminal()
    {
        var asked = new List<string>();
        var secrets = VaultPasswordSources.Load([], ["dev@prompt"], [], askVaultPass: true, p =>
        {
            asked.Add(p);
            return "typed";
        });
        Assert.Equal(["Vault password (dev): ", "Vault password: "], asked);
        Assert.Equal(["dev", "default"], secrets.Select(s => s.Label));

        var ex = Assert.Throws<UserInputException>(() => VaultPasswordSources.Load([], [], [], askVaultPass: true, NoTerminal));
        Assert.Contains("no terminal", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prod@/x/y", "prod", "/x/y")]
    [InlineData("/x/y", "default", "/x/y")]
    [InlineData("a@b@c", "a", "b@c")]
    public void Split_ReadsLabelAtSource(string value, string label, string source) =>
        Assert.Equal((label, source), VaultPasswordSources.Split(value));
}
