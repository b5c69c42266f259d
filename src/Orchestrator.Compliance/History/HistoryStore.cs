using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Orchestrator.Compliance.Results;
using Orchestrator.Core.Errors;

namespace Orchestrator.Compliance.History;

/// <summary>
/// The sweep history in SQLite: one row per run, per run and host, and per run, host and control. A pass is written in
/// one transaction, so a crash or an abandoned pass loses at most that pass and never leaves half of one.
/// </summary>
public sealed class HistoryStore
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;

    private HistoryStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
    }

    public string Path { get; }

    /// <summary>Called after each result row is inserted, inside the transaction (tests use it to abandon a write midway).</summary>
    internal Action<int>? AfterRowInserted { get; set; }

    /// <summary>
    /// The default database: <c>$XDG_STATE_HOME/orchestrator/compliance.db</c>, else <c>~/.local/state/orchestrator/compliance.db</c>.
    /// </summary>
    public static string DefaultPath()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            state = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return System.IO.Path.Combine(state, "orchestrator", "compliance.db");
    }

    /// <summary>Opens (creating it and its directory if needed) the database at <paramref name="path"/>.</summary>
    public static HistoryStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            CreatePrivate(full);
            var store = new HistoryStore(full);
            store.Migrate();
            return store;
        }
        catch (SqliteException ex)
        {
            throw new UserInputException($"--db '{path}': cannot open the history database: {ex.Message}; expected an SQLite file written by orchestrator sweep");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--db '{path}': {ex.Message}");
        }
    }

    /// <summary>
    /// The history holds what the sweep saw on every host: only its owner reads it. A new database (and a new directory
    /// for it) is created private before SQLite opens it, and SQLite gives its -wal, -shm and -journal files the same
    /// mode; an existing one with group or other access is tightened to 0600.
    /// </summary>
    private static void CreatePrivate(string full)
    {
        var directory = System.IO.Path.GetDirectoryName(full)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var created = new FileStream(full, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private });
        }
        catch (IOException) when (File.Exists(full))
        {
            // It exists already: keep it, but not readable by others.
        }

        foreach (var file in new[] { full, full + "-wal", full + "-shm", full + "-journal" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~Private) != 0)
            {
                File.SetUnixFileMode(file, Private);
            }
        }
    }

    /// <summary>Opens an existing database for reading; a clear error when there is none.</summary>
    public static HistoryStore OpenExisting(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return File.Exists(full)
            ? Open(full)
            : throw new UserInputException($"--db '{path}': no history database there yet; run `orchestrator sweep` first (it writes {full})");
    }

    internal SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private void Migrate()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at INTEGER NOT NULL,
                finished_at INTEGER NOT NULL,
                policy_name TEXT NOT NULL,
                policy_path TEXT NOT NULL,
                trigger TEXT NOT NULL,
                hosts_total INTEGER NOT NULL,
                hosts_compliant INTEGER NOT NULL,
                hosts_unreachable INTEGER NOT NULL,
                exit_code INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS runs_started ON runs (started_at);
            CREATE TABLE IF NOT EXISTS run_hosts (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                host TEXT NOT NULL,
                state TEXT NOT NULL,
                compliant INTEGER NOT NULL,
                error TEXT,
                PRIMARY KEY (run_id, host));
            CREATE TABLE IF NOT EXISTS results (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                host TEXT NOT NULL,
                control_id TEXT NOT NULL,
                status TEXT NOT NULL,
                waived_outcome TEXT,
                message TEXT NOT NULL,
                evidence TEXT NOT NULL,
                PRIMARY KEY (run_id, host, control_id));
            CREATE INDEX IF NOT EXISTS results_host_control ON results (host, control_id, run_id);
            """;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        var version = command.ExecuteScalar() as string;
        if (version is null)
        {
            command.CommandText = $"INSERT INTO meta (key, value) VALUES ('schema_version', '{SchemaVersion}')";
            command.ExecuteNonQuery();
        }
        else if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new UserInputException($"{Path}: history schema version {version}, expected {SchemaVersion}; this orchestrator cannot read it");
        }
    }

    /// <summary>Writes one pass in a single transaction and returns its run id. Cancelling rolls the whole pass back.</summary>
    public long Record(SweepResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        long runId;
        using (var run = connection.CreateCommand())
        {
            run.Transaction = transaction;
            run.CommandText = """
                INSERT INTO runs (started_at, finished_at, policy_name, policy_path, trigger, hosts_total, hosts_compliant, hosts_unreachable, exit_code)
                VALUES ($started, $finished, $name, $path, $trigger, $total, $compliant, $unreachable, $exit)
                RETURNING id
                """;
            run.Parameters.AddWithValue("$started", result.StartedAt.ToUnixTimeMilliseconds());
            run.Parameters.AddWithValue("$finished", result.FinishedAt.ToUnixTimeMilliseconds());
            run.Parameters.AddWithValue("$name", result.PolicyName);
            run.Parameters.AddWithValue("$path", result.PolicyPath);
            run.Parameters.AddWithValue("$trigger", result.Trigger);
            run.Parameters.AddWithValue("$total", result.Hosts.Count);
            run.Parameters.AddWithValue("$compliant", result.Hosts.Count(h => h.Compliant));
            run.Parameters.AddWithValue("$unreachable", result.Hosts.Count(h => h.State == HostState.Unreachable));
            run.Parameters.AddWithValue("$exit", result.ExitCode);
            runId = (long)run.ExecuteScalar()!;
        }

        using var host = PrepareInsert(
            connection,
            transaction,
            "run_hosts",
            ("run_id", SqliteType.Integer),
            ("host", SqliteType.Text),
            ("state", SqliteType.Text),
            ("compliant", SqliteType.Integer),
            ("error", SqliteType.Text));
        using var row = PrepareInsert(
            connection,
            transaction,
            "results",
            ("run_id", SqliteType.Integer),
            ("host", SqliteType.Text),
            ("control_id", SqliteType.Text),
            ("status", SqliteType.Text),
            ("waived_outcome", SqliteType.Text),
            ("message", SqliteType.Text),
            ("evidence", SqliteType.Text));

        var rows = 0;
        foreach (var h in result.Hosts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Insert(host, runId, h.Host, h.State == HostState.Reachable ? "reachable" : "unreachable", h.Compliant ? 1 : 0, h.Error);
            foreach (var c in h.Controls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Insert(row, runId, c.Host, c.ControlId, c.Status.ToWire(), c.WaivedOutcome?.ToWire(), c.Message, JsonSerializer.Serialize(c.Evidence, EvidenceJson.Options));
                AfterRowInserted?.Invoke(++rows);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return runId;
    }

    /// <summary>An INSERT of one row into <paramref name="table"/>, prepared once for the many rows of a pass.</summary>
    private static SqliteCommand PrepareInsert(SqliteConnection connection, SqliteTransaction transaction, string table, params (string Column, SqliteType Type)[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = string.Join(", ", columns.Select(c => c.Column));
        var parameters = string.Join(", ", columns.Select(c => "$" + c.Column));
        command.CommandText = $"INSERT INTO {table} ({names}) VALUES ({parameters})";
        foreach (var (column, type) in columns)
        {
            command.Parameters.Add("$" + column, type);
        }

        command.Prepare();
        return command;
    }

    /// <summary>Runs a prepared insert with the values in column order (null is SQL NULL).</summary>
    private static void Insert(SqliteCommand insert, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        insert.ExecuteNonQuery();
    }
}
