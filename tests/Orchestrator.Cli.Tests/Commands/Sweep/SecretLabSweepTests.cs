using System.Text;
using Microsoft.Data.Sqlite;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands.Sweep;

public sealed class SecretLab() : CliLab("secret", 1);

/// <summary>
/// The event socket's password through a real sweep (real SSH, the real executable): a <c>config_param</c> control on it
/// and a command that prints it plain, base64 and hex. It appears in no report, not on the console, not in the SQLite
/// file, not in <c>sweep history --json</c>; the reports and the database are private.
/// </summary>
[Collection(CliLabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class SecretLabSweepTests(SecretLab fixture) : IClassFixture<SecretLab>, IDisposable
{
    private const string Password = "Lab-Esl-9f3k2q";
    private const string EventSocket = "/etc/freeswitch/autoload_configs/event_socket.conf.xml";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Sweep_ControlOnTheEslPassword_ThePasswordAppearsInNoSink()
    {
        var host = fixture.Host(0).Name;
        await fixture.InHostAsync(host, $"sed -i 's/name=\"password\" value=\"[^\"]*\"/name=\"password\" value=\"{Password}\"/' {EventSocket} && grep -q '{Password}' {EventSocket}");
        var policy = _dir.Write("policy.yml", $$"""
            policy: esl-secret
            controls:
              - id: ESL-01
                title: the event socket password is not a known one
                impact: 1.0
                check: { type: config_param, configuration: event_socket.conf, param: password, one_of: [some-other-value] }
              - id: ESL-02
                title: nothing prints the event socket password
                impact: 0.5
                check:
                  type: command_output
                  command: >-
                    f={{EventSocket}}; cat $f;
                    p=$(sed -n 's/.*name="password" value="\([^"]*\)".*/\1/p' $f);
                    printf '%s' "$p" | base64; printf '%s' "$p" | od -An -tx1 | tr -d ' \n'
                  not_matches: password
            """);
        var db = _dir.Combine("state/history.db");
        string[] reports = ["--report", "cli", "--report", $"json:{_dir.Combine("r.json")}", "--report", $"junit:{_dir.Combine("r.xml")}", "--report", $"html:{_dir.Combine("r.html")}"];

        var sweep = await CliProcess.RunAsync(Timeout, ["sweep", "-i", fixture.Lab.InventoryPath, "--policy", policy, "--become", "--db", db, .. reports]);
        var history = await CliProcess.RunAsync(TimeSpan.FromMinutes(1), "sweep", "history", "--db", db, "--json");

        Assert.True(sweep.ExitCode == 2, sweep.ToString());
        Assert.True(history.ExitCode == 0, history.ToString());
        var json = await File.ReadAllTextAsync(_dir.Combine("r.json"));
        var sinks = new Dictionary<string, string>
        {
            ["json"] = json,
            ["junit"] = await File.ReadAllTextAsync(_dir.Combine("r.xml")),
            ["html"] = System.Net.WebUtility.HtmlDecode(await File.ReadAllTextAsync(_dir.Combine("r.html"))),
            ["console"] = sweep.Stdout + sweep.Stderr,
            ["sqlite"] = string.Concat(Directory.GetFiles(_dir.Combine("state")).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f)))),
            ["history --json"] = history.Stdout + history.Stderr,
        };
        var leaks = SecretLeaks.Find(sinks, Password);
        Assert.True(leaks.Count == 0, "leaked: " + string.Join("; ", leaks));
        // The controls saw the password: the ESL-02 output is there, with the secret in its place.
        Assert.Contains("[REDACTED]", json, StringComparison.Ordinal);
        Assert.Contains("event_socket.conf", json, StringComparison.Ordinal);
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.All(
            new[] { "r.json", "r.xml", "r.html", "state/history.db" }.Select(_dir.Combine),
            f => Assert.True(File.GetUnixFileMode(f) == Private, $"{f}: {File.GetUnixFileMode(f)}"));
    }
}
