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
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
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

        using var host = connection.CreateCommand();
        host.Transaction = transaction;
        host.CommandText = "INSERT INTO run_hosts (run_id, host, state, compliant, error) VALUES ($run, $host, $state, $compliant, $error)";
        var hRun = host.Parameters.Add("$run", SqliteType.Integer);
        var hHost = host.Parameters.Add("$host", SqliteType.Text);
        var hState = host.Parameters.Add("$state", SqliteType.Text);
        var hCompliant = host.Parameters.Add("$compliant", SqliteType.Integer);
        var hError = host.Parameters.Add("$error", SqliteType.Text);
        host.Prepare();

        using var row = connection.CreateCommand();
        row.Transaction = transaction;
        row.CommandText = "INSERT INTO results (run_id, host, control_id, status, waived_outcome, message, evidence) VALUES ($run, $host, $control, $status, $waived, $message, $evidence)";
        var rRun = row.Parameters.Add("$run", SqliteType.Integer);
        var rHost = row.Parameters.Add("$host", SqliteType.Text);
        var rControl = row.Parameters.Add("$control", SqliteType.Text);
        var rStatus = row.Parameters.Add("$status", SqliteType.Text);
        var rWaived = row.Parameters.Add("$waived", SqliteType.Text);
        var rMessage = row.Parameters.Add("$message", SqliteType.Text);
        var rEvidence = row.Parameters.Add("$evidence", SqliteType.Text);
        row.Prepare();

        var rows = 0;
        foreach (var h in result.Hosts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hRun.Value = runId;
            hHost.Value = h.Host;
            hState.Value = h.State == HostState.Reachable ? "reachable" : "unreachable";
            hCompliant.Value = h.Compliant ? 1 : 0;
            hError.Value = (object?)h.Error ?? DBNull.Value;
            host.ExecuteNonQuery();
            foreach (var c in h.Controls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rRun.Value = runId;
                rHost.Value = c.Host;
                rControl.Value = c.ControlId;
                rStatus.Value = c.Status.ToWire();
                rWaived.Value = (object?)c.WaivedOutcome?.ToWire() ?? DBNull.Value;
                rMessage.Value = c.Message;
                rEvidence.Value = JsonSerializer.Serialize(c.Evidence, EvidenceJson.Options);
                row.ExecuteNonQuery();
                AfterRowInserted?.Invoke(++rows);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return runId;
    }
}
