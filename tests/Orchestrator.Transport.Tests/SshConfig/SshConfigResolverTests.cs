using Orchestrator.Core.Errors;
using Orchestrator.Testing;
using Orchestrator.Transport.SshConfig;
using Orchestrator.Transport.Tests.Support;

namespace Orchestrator.Transport.Tests.SshConfig;

public sealed class SshConfigResolverTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CapturingLoggerFactory _log = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Resolve_FirstObtainedValueWins_AcrossMatchingBlocks()
    {
        var config = Resolver("""
            Port 2200
            Host web*
                User deploy
                Port 2201
            Host web1
                User other
                HostName 10.0.0.%h
            Host *
                User fallback
            """);

        var web1 = config.Resolve("web1");
        var db1 = config.Resolve("db1");

        Assert.Equal("deploy", web1.User!.Value);
        Assert.Equal(2200, web1.Port!.Value);
        Assert.Equal("10.0.0.%h", web1.HostName!.Value);
        Assert.Equal("fallback", db1.User!.Value);
        Assert.Equal(3, web1.User.Location.Line);
        Assert.Equal(1, web1.Port.Location.Line);
    }

    [Fact]
    public void Resolve_PatternListsWithNegationAndQuestionMark()
    {
        var config = Resolver("""
            Host fs? !fs9 edge-*
                User ops
            """);

        Assert.Equal("ops", config.Resolve("fs1").User?.Value);
        Assert.Null(config.Resolve("fs9").User);
        Assert.Null(config.Resolve("fs10").User);
        Assert.Equal("ops", config.Resolve("edge-a").User?.Value);
    }

    [Fact]
    public void Resolve_OnlyNegatedPatterns_NeverMatch()
    {
        var config = Resolver("Host !fs1\n    User ops\n");

        Assert.Null(config.Resolve("fs2").User);
    }

    [Fact]
    public void Resolve_IdentityFilesAccumulate_UserKnownHostsFileTakesTheFirstLine()
    {
        var config = Resolver("""
            Host fs1
                IdentityFile ~/.ssh/id_fs1
                UserKnownHostsFile /a/known_hosts /b/known_hosts
            Host *
                IdentityFile "~/.ssh/id with space"
                UserKnownHostsFile /c/known_hosts
            """);

        var fs1 = config.Resolve("fs1");

        Assert.Equal(["~/.ssh/id_fs1", "~/.ssh/id with space"], fs1.IdentityFiles.Select(i => i.Value));
        Assert.Equal(["/a/known_hosts", "/b/known_hosts"], fs1.UserKnownHostsFiles!.Value);
    }

    [Fact]
    public void Resolve_KeywordEqualsValueAndCaseInsensitiveKeywords()
    {
        var config = Resolver("HOST=fs1\n  stricthostkeychecking=accept-new\n  PORT = 2222\n");

        var fs1 = config.Resolve("fs1");

        Assert.Equal(HostKeyChecking.AcceptNew, fs1.StrictHostKeyChecking!.Value);
        Assert.Equal(2222, fs1.Port!.Value);
    }

    [Theory]
    [InlineData("yes", HostKeyChecking.Strict)]
    [InlineData("ask", HostKeyChecking.Strict)]
    [InlineData("accept-new", HostKeyChecking.AcceptNew)]
    [InlineData("no", HostKeyChecking.Off)]
    [InlineData("off", HostKeyChecking.Off)]
    public void Resolve_StrictHostKeyCheckingValues(string value, HostKeyChecking expected)
    {
        Assert.Equal(expected, Resolver($"StrictHostKeyChecking {value}\n").Resolve("x").StrictHostKeyChecking!.Value);
    }

    [Fact]
    public void Resolve_ProxyJumpChain_ParsesEachHop()
    {
        var hops = Resolver("Host fs1\n  ProxyJump ops@bastion1:2222,ssh://bastion2,[fe80::1]:22\n").Resolve("fs1").ProxyJump!.Value;

        Assert.Equal([new JumpHop("ops", "bastion1", 2222), new JumpHop(null, "bastion2", null), new JumpHop(null, "fe80::1", 22)], hops);
    }

    [Fact]
    public void Resolve_MatchBlock_IgnoredWithAWarningPointingAtIt()
    {
        var path = _temp.Write("config", "Match host fs1\n  User matched\nHost fs1\n  Port 2200\n");
        var config = new SshConfigResolver(SshConfigFile.Load(path), _temp.Path, _log.CreateLogger("t"));

        var fs1 = config.Resolve("fs1");

        Assert.Null(fs1.User);
        Assert.Equal(2200, fs1.Port!.Value);
        Assert.Contains(_log.Warnings, w => w.Contains($"{path}:1:1", StringComparison.Ordinal) && w.Contains("Match", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_Include_ReadsFilesInPlaceAndHostLinesInsideDoNotLeak()
    {
        _temp.Write(".ssh/conf.d/10-fleet", "User from-include\nHost other\n    Port 9999\n");
        var config = Resolver("""
            Host fs1
                Include conf.d/*
                Port 2201
            """);

        var fs1 = config.Resolve("fs1");

        Assert.Equal("from-include", fs1.User!.Value);
        Assert.Equal(2201, fs1.Port!.Value);
    }

    [Theory]
    [InlineData("Port abc", "bad value 'abc' for port; expected a port number from 1 to 65535.", 1)]
    [InlineData("Host fs1\n  StrictHostKeyChecking maybe", "bad value 'maybe' for stricthostkeychecking; expected yes, accept-new, no, off or ask.", 2)]
    [InlineData("Host fs1\n  ProxyJump a@:22", "bad ProxyJump 'a@:22'", 2)]
    [InlineData("Host fs1\n  User", "'User' has no value", 2)]
    [InlineData("IdentityFile \"~/unterminated", "unterminated double quote", 1)]
    public void Load_InvalidValues_ErrorWithFileAndLine(string text, string message, int line)
    {
        var path = _temp.Write("bad_config", text + "\n");

        var error = Assert.Throws<UserInputException>(() => SshConfigFile.Load(path));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Location!.Value.File);
        Assert.Equal(line, error.Location.Value.Line);
    }

    [Fact]
    public void Load_MissingFile_ClearError()
    {
        var error = Assert.Throws<UserInputException>(() => SshConfigFile.Load(_temp.Combine("nope")));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandPath_TildeAndTokens()
    {
        var context = new TokenContext("fs1", "10.0.0.5", 2222, "deploy", "me", "/home/me");

        Assert.Equal("/home/me/.ssh/id_deploy@10.0.0.5:2222%fs1", SshTokens.ExpandPath("~/.ssh/id_%r@%h:%p%%%n", context, null));
        Assert.Throws<UserInputException>(() => SshTokens.ExpandPath("~/%z", context, null));
        Assert.Equal("db.10.0.0.5", SshTokens.ExpandHostName("db.%h", context, null));
    }

    private SshConfigResolver Resolver(string text) =>
        new(SshConfigFile.Parse(_temp.Combine("config"), text), _temp.Path, _log.CreateLogger("test"));
}
