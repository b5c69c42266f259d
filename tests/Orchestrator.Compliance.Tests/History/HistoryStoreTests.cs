using Microsoft.Data.Sqlite;
using Orchestrator.Compliance.History;
using Orchestrator.Testing;
using Orchestrator.Testing.Compliance;

namespace Orchestrator.Compliance.Tests.History;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HistoryStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static string[] None => [];

    [Fact]
    public void Query_FailureThatIsFixed_ShowsFirstSeenAndFixedTimes()
    {
        var store = HistoryStore.Open(_dir.Combine("h.db"));
        store.Record(SampleResults.Pass(T0, SampleResults.Hosts(("fs1", None), ("fs2", None))));
        store.Record(SampleResults.Pass(T0.AddMinutes(5), SampleResults.Hosts(("fs1", ["CLEAR"]), ("fs2", None))));
        store.Record(SampleResults.Pass(T0.AddMinutes(10), SampleResults.Hosts(("fs1", ["CLEAR", "PROTECTED"]), ("fs2", None))));
        store.Record(SampleResults.Pass(T0.AddMinutes(15), SampleResults.Hosts(("fs1", ["PROTECTED"]), ("fs2", None))));

        var report = HistoryQueries.Query(store, new HistoryFilter());

        Assert.Equal(4, report.Runs);
        var clear = Assert.Single(report.Failures, f => f.ControlId == "CLEAR");
        Assert.Equal(("fs1", T0.AddMinutes(5), T0.AddMinutes(15)), (clear.Host, clear.FirstSeen, clear.FixedAt!.Value));
        var protectedEpisode = Assert.Single(report.Failures, f => f.ControlId == "PROTECTED");
        Assert.Equal(T0.AddMinutes(10), protectedEpisode.FirstSeen);
        Assert.Null(protectedEpisode.FixedAt);
        Assert.Equal([100, 50, 50, 50], report.Trend.Select(p => (int)p.CompliantPercent));
    }

    [Fact]
    public void Query_UnreachableRuns_NeitherOpenNorCloseAFailure()
    {
        var store = HistoryStore.Open(_dir.Combine("h.db"));
        store.Record(SampleResults.Pass(T0, SampleResults.Hosts(("fs1", ["CLEAR"]))));
        store.Record(SampleResults.Pass(T0.AddMinutes(5), SampleResults.Hosts(("fs1", None)), unreachable: ["fs1"]));
        store.Record(SampleResults.Pass(T0.AddMinutes(10), SampleResults.Hosts(("fs1", None))));

        var episode = Assert.Single(HistoryQueries.Query(store, new HistoryFilter()).Failures);

        Assert.Equal(T0, episode.FirstSeen);
        Assert.Equal(T0.AddMinutes(10), episode.FixedAt);
    }

    [Fact]
    public void Query_HostGoingInAndOut_IsFlappingAndFiltersApply()
    {
        var store = HistoryStore.Open(_dir.Combine("h.db"));
        for (var i = 0; i < 6; i++)
        {
            store.Record(SampleResults.Pass(T0.AddMinutes(5 * i), SampleResults.Hosts(("fs1", i % 2 == 0 ? None : ["CLEAR"]), ("fs2", i < 3 ? None : ["PROTECTED"]))));
        }

        var all = HistoryQueries.Query(store, new HistoryFilter());
        var fs1 = Assert.Single(all.Flapping);
        Assert.Equal(("fs1", 5, 6), (fs1.Host, fs1.Changes, fs1.Runs));
        Assert.Equal(4, all.Failures.Count);

        var onlyFs2 = HistoryQueries.Query(store, new HistoryFilter { Host = "fs2" });
        Assert.Empty(onlyFs2.Flapping);
        Assert.Equal(("fs2", "PROTECTED", T0.AddMinutes(15)), (onlyFs2.Failures.Single().Host, onlyFs2.Failures.Single().ControlId, onlyFs2.Failures.Single().FirstSeen));

        var since = HistoryQueries.Query(store, new HistoryFilter { Since = T0.AddMinutes(16), Control = "CLEAR" });
        Assert.Equal([T0.AddMinutes(15), T0.AddMinutes(25)], since.Failures.Select(f => f.FirstSeen));
        Assert.Equal(2, since.Trend.Count);
    }

    [Fact]
    public void Record_AbandonedMidway_WritesNothingOfThatPass()
    {
        var path = _dir.Combine("h.db");
        var store = HistoryStore.Open(path);
        store.Record(SampleResults.Pass(T0, SampleResults.Hosts(("fs1", None), ("fs2", None))));
        using var cts = new CancellationTokenSource();
        store.AfterRowInserted = rows =>
        {
            if (rows == 3)
            {
                cts.Cancel();
            }
        };

        Assert.Throws<OperationCanceledException>(() => store.Record(SampleResults.Pass(T0.AddMinutes(5), SampleResults.Hosts(("fs1", ["CLEAR"]), ("fs2", None))), cts.Token));

        store.AfterRowInserted = null;
        Assert.Equal((1L, 2L, 4L), Counts(path));
        Assert.Empty(HistoryQueries.Query(store, new HistoryFilter()).Failures);
    }

    [Fact]
    public void Record_ProcessKilledInsideTheTransaction_LeavesEarlierPassesAndAnIntactDatabase()
    {
        var path = _dir.Combine("h.db");
        HistoryStore.Open(path).Record(SampleResults.Pass(T0, SampleResults.Hosts(("fs1", None))));

        // A separate sqlite writer (python3's sqlite3, the same SQLite file format and WAL) begins a pass in one
        // transaction, inserts a run and some rows, then is SIGKILLed before committing.
        var script = $$"""
            import os, signal, sqlite3
            c = sqlite3.connect({{Python(path)}}, isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            run = c.execute("INSERT INTO runs (started_at, finished_at, policy_name, policy_path, trigger, hosts_total, hosts_compliant, hosts_unreachable, exit_code) VALUES (1, 2, 'p', 'p', 'manual', 1, 0, 0, 2) RETURNING id").fetchone()[0]
            for i in range(500):
                c.execute("INSERT INTO results VALUES (?, ?, 'CLEAR', 'fail', NULL, 'm', '{}')", (run, f"h{i}"))
            os.kill(os.getpid(), signal.SIGKILL)
            """;
        var psi = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        using (var python = System.Diagnostics.Process.Start(psi)!)
        {
            python.StandardInput.Write(script);
            python.StandardInput.Close();
            Assert.True(python.WaitForExit(30_000), "python3 did not finish");
            Assert.True(python.ExitCode == 137 || python.ExitCode == -9, $"python3 exited {python.ExitCode}: {python.StandardError.ReadToEnd()}");
        }

        var store = HistoryStore.Open(path);
        Assert.Equal((1L, 1L, 2L), Counts(path));
        using (var connection = store.Connect())
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        store.Record(SampleResults.Pass(T0.AddMinutes(5), SampleResults.Hosts(("fs1", ["CLEAR"]))));
        Assert.Equal((2L, 2L, 4L), Counts(path));
    }

    [Fact]
    public void OpenExisting_NoDatabase_SaysToRunTheSweepFirst()
    {
        var ex = Assert.Throws<Core.Errors.UserInputException>(() => HistoryStore.OpenExisting(_dir.Combine("missing.db")));

        Assert.Contains("run `orchestrator sweep` first", ex.Message, StringComparison.Ordinal);
    }

    private static string Python(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static (long Runs, long Hosts, long Results) Counts(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        long Count(string table)
        {
            using var c = connection.CreateCommand();
            c.CommandText = $"SELECT count(*) FROM {table}";
            return (long)c.ExecuteScalar()!;
        }

        return (Count("runs"), Count("run_hosts"), Count("results"));
    }

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Open_NewDatabase_ItsFilesAndDirectoryAreOwnerOnly()
    {
        var path = _dir.Combine("state/orchestrator/h.db");
        var store = HistoryStore.Open(path);
        // Kept open, so the -wal and -shm files exist while their modes are read.
        using var reader = store.Connect();
        store.Record(SampleResults.Pass(T0, SampleResults.Hosts(("fs1", ["CLEAR"]))));
        using (var read = reader.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM runs";
            Assert.Equal(1L, read.ExecuteScalar());
        }

        var files = Directory.GetFiles(Path.GetDirectoryName(path)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([path, path + "-shm", path + "-wal"], files);
        Assert.All(files, f => Assert.Equal(Private, File.GetUnixFileMode(f)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Open_ExistingWorldReadableDatabase_IsTightened()
    {
        var path = _dir.Combine("h.db");
        HistoryStore.Open(path).Record(SampleResults.Pass(T0, SampleResults.Hosts(("fs1", None))));
        SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(path, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        HistoryStore.Open(path);

        Assert.Equal(Private, File.GetUnixFileMode(path));
    }
}
