using System.Diagnostics;
using Orchestrator.Core.Secrets;
using Orchestrator.Core.Transport;
using Orchestrator.FreeSwitch.Facts;
using Orchestrator.FreeSwitch.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.FreeSwitch.Tests.Facts;

/// <summary>The collector's orchestration: contributions of other layers, unreadable sections, and the fs_cli way to the API.</summary>
public sealed class FreeSwitchFactsCollectorTests : IDisposable
{
    private readonly TempDirectory _tree = ConfTrees.CopyVanilla();

    public void Dispose() => _tree.Dispose();

    private FreeSwitchFactsOptions Options() => new() { ConfDir = _tree.Path, LogFile = Path.Combine(_tree.Path, "no-such.log"), SkipApi = true };

    [Fact]
    public async Task Collect_WithContribution_RunsItInTheSameSessionAndHandsItsSectionBack()
    {
        var shell = new LocalShell("fs-test");
        var contribution = new TextContribution("extra_probe", "printf 'a\\nb\\n'");

        var facts = await new FreeSwitchFactsCollector(Options()).CollectAsync(shell, [contribution], CancellationToken.None);

        Assert.Single(shell.Runs);
        Assert.Equal("a\nb", contribution.Text);
        Assert.NotNull(facts.Config);
        Assert.DoesNotContain(facts.Warnings, w => w.Contains("extra_probe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Collect_OutputCutAtTheTransportLimit_IsAnErrorNotData()
    {
        var complete = $"\n{RemoteScript.Marker}pid\n\n{RemoteScript.Marker}extra_probe\npayload\n";
        var shell = new CannedShell(new CommandResult(0, complete, string.Empty, TimeSpan.Zero) { TruncatedBytes = 4096 });
        var contribution = new TextContribution("extra_probe", "true");

        var ex = await Assert.ThrowsAsync<FactsException>(() => new FreeSwitchFactsCollector(Options()).CollectAsync(shell, [contribution], CancellationToken.None));

        Assert.Contains("output limit (4096 bytes dropped)", ex.Message, StringComparison.Ordinal);
        Assert.Null(contribution.Text);
    }

    [Fact]
    public async Task Collect_FactsScriptFails_ContributionStillGetsItsSection()
    {
        var shell = new CannedShell(new CommandResult(1, $"\n{RemoteScript.Marker}pid\n\n\n{RemoteScript.Marker}extra_probe\npayload\n", "killed", TimeSpan.Zero));
        var contribution = new TextContribution("extra_probe", "true");
        var missing = new TextContribution("other_probe", "true");

        var ex = await Assert.ThrowsAsync<FactsException>(() => new FreeSwitchFactsCollector(Options()).CollectAsync(shell, [contribution, missing], CancellationToken.None));

        Assert.Contains("did not complete (rc=1)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("payload", contribution.Text);
        Assert.True(missing.WasRead);
        Assert.Null(missing.Text);
    }

    [Theory]
    [InlineData("bind_errors")]
    [InlineData("profile")]
    public async Task Collect_ContributionNamedLikeAFactsSection_IsRefused(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            new FreeSwitchFactsCollector(Options()).CollectAsync(new LocalShell(), [new TextContribution(name, "true")], CancellationToken.None));
    }

    [Fact]
    public async Task Collect_TwoContributionsOfOneName_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            new FreeSwitchFactsCollector(Options()).CollectAsync(new LocalShell(), [new TextContribution("twice", "true"), new TextContribution("twice", "true")], CancellationToken.None));
    }

    [Theory]
    [InlineData("api-credentials")]
    [InlineData("var x")]
    [InlineData("Probes")]
    [InlineData("")]
    public void Contribution_NameNotLowerCaseWord_IsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => new TextContribution(name, "true"));
    }

    [Fact]
    public async Task Collect_UnreadableLog_IsNamedAmongTheUnreadableSections()
    {
        var facts = await new FreeSwitchFactsCollector(Options()).CollectAsync(new LocalShell("fs-test"), CancellationToken.None);

        Assert.Equal(["bind_errors"], facts.UnreadableSections.Keys);
        Assert.False(facts.BindErrors!.Readable);
    }

    [Fact]
    public async Task Collect_FsCliClient_AsksEveryApiSectionThroughFsCli()
    {
        // A running "freeswitch" (sleep under that name) makes the collector ask the API; a fake fs_cli answers, and only
        // when the password reached it through its config file.
        using var bin = new TempDirectory("orch-fs-");
        var freeswitch = Path.Combine(bin.Path, "freeswitch");
        File.Copy("/bin/sleep", freeswitch);
        var fsCli = Path.Combine(bin.Path, "fs_cli");
        File.WriteAllText(fsCli, FakeFsCli);
        await LocalShell.RunChecked("chmod 700 " + fsCli);
        using var process = Process.Start(freeswitch, "60");
        try
        {
            var options = Options();
            options.SkipApi = false;
            options.ApiClient = Esl.ApiClient.FsCli;
            options.FsCliPath = fsCli;

            var facts = await new FreeSwitchFactsCollector(options).CollectAsync(new LocalShell("fs-test"), CancellationToken.None);

            Assert.Null(facts.EslError);
            Assert.Equal("1.10.12-release~64bit", facts.Version);
            Assert.Equal(["internal"], facts.SofiaStatus.Where(r => r.IsRunning).Select(r => r.Name));
            Assert.Equal(["10.0.0.5"], facts.ProfileStatus["internal"].RtpIps);
            Assert.Equal(3L, facts.ActiveCalls);
            Assert.Equal(("10.9.9.9", "fakehost"), (facts.RuntimeVariables["local_ip_v4"], facts.RuntimeVariables["hostname"]));
            // local_ip_v4 differs from the guess and the tree uses it: the configuration was read again with it.
            Assert.Equal("10.9.9.9", facts.Config!.Profiles.Single(p => p.Name == "internal").SipIp);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private const string FakeFsCli = """
        #!/bin/sh
        grep -q '^password => ClueCon$' "$HOME/.fs_cli_conf" 2>/dev/null || { echo '[ERROR] fs_cli.c:1699 main() Error Connecting [Authentication Error]'; exit 255; }
        case "$2" in
          version) echo 'FreeSWITCH Version 1.10.12-release~64bit (-release 64bit)' ;;
          'sofia status') printf '%25s\t%s\t  %40s\t%s\n' Name Type Data State internal profile sip:mod_sofia@10.0.0.5:5060 'RUNNING (0)'; echo '1 profile 0 aliases' ;;
          'sofia status profile internal') printf 'Name             \tinternal\nRTP-IP           \t10.0.0.5\nCALLS-IN         \t7\n' ;;
          'show calls count') printf '\n3 total.\n' ;;
          'global_getvar local_ip_v4') echo 10.9.9.9 ;;
          'global_getvar hostname') echo fakehost ;;
          *) echo '-ERR no reply' ;;
        esac

        """;
}
