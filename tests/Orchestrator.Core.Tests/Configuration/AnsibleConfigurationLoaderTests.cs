using Orchestrator.Core.Configuration;
using Orchestrator.Core.Errors;

namespace Orchestrator.Core.Tests.Configuration;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AnsibleConfigurationLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orchestrator-cfg-").FullName;
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    public AnsibleConfigurationLoaderTests()
    {
        Directory.CreateDirectory(Cwd);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
    }

    private string Cwd => Path.Combine(_root, "cwd");

    private string Home => Path.Combine(_root, "home");

    private string SystemFile => Path.Combine(_root, "etc", "ansible.cfg");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Load_NoFileAnywhere_DefaultsAndNoConfigFile()
    {
        var config = Load();

        Assert.Null(config.ConfigFile);
        Assert.All(config.Settings, s => Assert.True(s.Origin.IsDefault, s.Definition.Name));
        Assert.Null(config.Forks);
        Assert.Equal(10, config.Timeout);
        Assert.True(config.HostKeyChecking);
        Assert.Empty(config.Inventory);
        Assert.False(config.GatherFactsByDefault);
    }

    [Fact]
    public void Load_SearchOrder_EnvThenCwdThenHomeThenSystem()
    {
        var fromEnv = Write(Path.Combine(_root, "env.cfg"), "forks = 1");
        var fromCwd = Write(Path.Combine(Cwd, "ansible.cfg"), "forks = 2");
        var fromHome = Write(Path.Combine(Home, ".ansible.cfg"), "forks = 3");
        var fromSystem = Write(SystemFile, "forks = 4");

        _env["ANSIBLE_CONFIG"] = fromEnv;
        Assert.Equal((fromEnv, 1), (Load().ConfigFile, Load().Forks));
        _env.Remove("ANSIBLE_CONFIG");
        Assert.Equal((fromCwd, 2), (Load().ConfigFile, Load().Forks));
        File.Delete(fromCwd);
        Assert.Equal((fromHome, 3), (Load().ConfigFile, Load().Forks));
        File.Delete(fromHome);
        Assert.Equal((fromSystem, 4), (Load().ConfigFile, Load().Forks));
    }

    [Fact]
    public void Load_AnsibleConfigNamesADirectory_ItsAnsibleCfg()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName;
        var file = Write(Path.Combine(dir, "ansible.cfg"), "forks = 6");
        _env["ANSIBLE_CONFIG"] = dir;

        Assert.Equal(file, Load().ConfigFile);
    }

    [Fact]
    public void Load_AnsibleConfigMissing_FallsThroughToTheNext()
    {
        var fromCwd = Write(Path.Combine(Cwd, "ansible.cfg"), "forks = 2");
        _env["ANSIBLE_CONFIG"] = Path.Combine(_root, "missing.cfg");

        Assert.Equal(fromCwd, Load().ConfigFile);
    }

    [Fact]
    public void Load_FirstFound_NotMerged()
    {
        Write(Path.Combine(Cwd, "ansible.cfg"), "forks = 2");
        Write(Path.Combine(Home, ".ansible.cfg"), "forks = 3\nremote_user = fromhome");

        Assert.Null(Load().RemoteUser);
    }

    [Fact]
    public void Load_WorldWritableCwd_SkipsItsFileWithAWarning()
    {
        Write(Path.Combine(Cwd, "ansible.cfg"), "forks = 2");
        var fromHome = Write(Path.Combine(Home, ".ansible.cfg"), "forks = 3");
        File.SetUnixFileMode(Cwd, File.GetUnixFileMode(Cwd) | UnixFileMode.OtherWrite);

        var config = Load();

        Assert.Equal(fromHome, config.ConfigFile);
        Assert.Contains(config.Warnings, w => w.Contains($"world writable directory ({Cwd})", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EnvVariable_BeatsTheFile()
    {
        var file = Write(Path.Combine(Cwd, "ansible.cfg"), "forks = 2\ntimeout = 30");
        _env["ANSIBLE_FORKS"] = "9";

        var config = Load();

        Assert.Equal(9, config.Forks);
        Assert.Equal("env: ANSIBLE_FORKS", config[SettingNames.Forks].Origin.Text);
        Assert.Equal(30, config.Timeout);
        Assert.Equal(new SourceLocation(file, 3, 1), config[SettingNames.Timeout].Origin.Location);
    }

    [Fact]
    public void Load_RelativePathsInTheFile_RelativeToItsDirectory()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName;
        _env["ANSIBLE_CONFIG"] = Write(Path.Combine(dir, "ansible.cfg"), "inventory = hosts.ini, inv/ , ~/other\nroles_path = roles:../shared/roles:/abs\nprivate_key_file = keys/id_ed25519\nvault_password_file = ~/.vault");

        var config = Load();

        Assert.Equal([Path.Combine(dir, "hosts.ini"), Path.Combine(dir, "inv"), Path.Combine(Home, "other")], config.Inventory);
        Assert.Equal([Path.Combine(dir, "roles"), Path.Combine(_root, "shared", "roles"), "/abs"], config.RolesPath);
        Assert.Equal(Path.Combine(dir, "keys", "id_ed25519"), config.PrivateKeyFile);
        Assert.Equal(Path.Combine(Home, ".vault"), config.VaultPasswordFile);
    }

    [Fact]
    public void Load_RelativePathsInTheEnvironment_RelativeToTheWorkingDirectory()
    {
        _env["ANSIBLE_INVENTORY"] = "a.ini,b";
        _env["ANSIBLE_ROLES_PATH"] = "r1:$MYROLES/r2";
        _env["MYROLES"] = "/srv";

        var config = Load();

        Assert.Equal([Path.Combine(Cwd, "a.ini"), Path.Combine(Cwd, "b")], config.Inventory);
        Assert.Equal([Path.Combine(Cwd, "r1"), "/srv/r2"], config.RolesPath);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("True", true)]
    [InlineData("on", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("FALSE", false)]
    [InlineData("off", false)]
    [InlineData("0", false)]
    public void Load_Booleans_AsAnsiblesBoolean(string word, bool expected)
    {
        Write(Path.Combine(Cwd, "ansible.cfg"), $"host_key_checking = {word}\n[privilege_escalation]\nbecome = {word}");

        var config = Load();

        Assert.Equal(expected, config.HostKeyChecking);
        Assert.Equal(expected, config.Become);
    }

    [Fact]
    public void Load_ListsAndStrings_TrimmedAndUnquoted()
    {
        Write(Path.Combine(Cwd, "ansible.cfg"), "vault_identity_list = dev@~/.dev , 'prod@/etc/prod'\nremote_user = \"deploy\"\n[privilege_escalation]\nbecome_user = postgres");

        var config = Load();

        Assert.Equal(["dev@~/.dev", "prod@/etc/prod"], config.VaultIdentityList);
        Assert.Equal("deploy", config.RemoteUser);
        Assert.Equal("postgres", config.BecomeUser);
    }

    [Theory]
    [InlineData("implicit", true)]
    [InlineData("smart", true)]
    [InlineData("explicit", false)]
    public void Load_Gathering_DecidesTheDefault(string gathering, bool gathers)
    {
        _env["ANSIBLE_GATHERING"] = gathering;

        Assert.Equal(gathers, Load().GatherFactsByDefault);
    }

    [Theory]
    [InlineData("forks = abc", "forks in [defaults]: found 'abc'; expected a whole number")]
    [InlineData("timeout = 1.5", "timeout in [defaults]: found '1.5'; expected a whole number")]
    [InlineData("host_key_checking = maybe", "host_key_checking in [defaults]: found 'maybe'; expected a boolean (yes/no, true/false, on/off, 1/0)")]
    [InlineData("forks = 0", "forks (DEFAULT_FORKS): found '0'; expected 1 to 1000 forks")]
    [InlineData("gathering = sometimes", "gathering (DEFAULT_GATHERING): found 'sometimes'; expected implicit, explicit or smart")]
    public void Load_BadValueInTheFile_ErrorWithFileLineAndKey(string line, string message)
    {
        var file = Write(Path.Combine(Cwd, "ansible.cfg"), $"# settings\n{line}");

        var ex = Assert.Throws<UserInputException>(Load);

        Assert.Equal(new SourceLocation(file, 3, 1), ex.Location);
        Assert.Equal($"{file}:3:1: {message}", ex.Message);
    }

    [Fact]
    public void Load_BecomeMethodOtherThanSudo_RefusedWithItsLine()
    {
        var file = Write(Path.Combine(Cwd, "ansible.cfg"), "forks = 3\n[privilege_escalation]\nbecome_method = su");

        var ex = Assert.Throws<UserInputException>(Load);

        Assert.Equal(new SourceLocation(file, 4, 1), ex.Location);
        Assert.Contains("expected sudo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadValueInTheEnvironment_NamesTheVariable()
    {
        _env["ANSIBLE_TIMEOUT"] = "soon";

        var ex = Assert.Throws<UserInputException>(Load);

        Assert.Equal("environment variable ANSIBLE_TIMEOUT: found 'soon'; expected a whole number", ex.Message);
    }

    [Fact]
    public void Load_KeysAnsibleKnowsAndWeDoNot_ListedAsIgnored_UnknownKeysNot()
    {
        Write(Path.Combine(Cwd, "ansible.cfg"), "forks = 3\nnocows = 1\nno_such_key = 1\n[ssh_connection]\ncontrol_path = /tmp/%%h\n[colors]\nok = green");

        var ignored = Load().IgnoredKeys.Select(k => $"[{k.Entry.Section}] {k.Entry.Key}:{k.Line}").ToList();

        Assert.Equal(["[defaults] nocows:3", "[ssh_connection] control_path:6", "[colors] ok:8"], ignored);
    }

    [Fact]
    public void Load_PipeliningInAnyOfItsSections_LastListedWins()
    {
        Write(Path.Combine(Cwd, "ansible.cfg"), "pipelining = no\n[ssh_connection]\npipelining = yes");

        var setting = Load()[SettingNames.Pipelining];

        Assert.Equal(true, setting.Value);
        Assert.Equal(3, setting.Origin.Location?.Line - 1);
    }

    private AnsibleConfiguration Load() =>
        AnsibleConfigurationLoader.Load(new ConfigEnvironment(n => _env.GetValueOrDefault(n), Cwd, Home), SystemFile);

    /// <summary>Writes an ansible.cfg; text without a section header goes under [defaults].</summary>
    private static string Write(string path, string text)
    {
        File.WriteAllText(path, text.StartsWith('[') ? text : "[defaults]\n" + text);
        return path;
    }
}
