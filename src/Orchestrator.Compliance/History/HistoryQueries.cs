using Microsoft.Data.Sqlite;

namespace Orchestrator.Compliance.History;

/// <summary>The history questions: since when does it fail, when was it fixed, who flaps, how does the fleet trend.</summary>
public static class HistoryQueries
{
    public static HistoryReport Query(HistoryStore store, HistoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = store.Connect();
        using var tx = connection.BeginTransaction(deferred: true);
        var failures = Failures(connection, filter);
        var flapping = Flapping(connection, filter);
        var trend = Trend(connection, filter.Since, limit: null);
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM runs";
        var runs = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return new HistoryReport(failures, flapping, trend, runs);
    }

    /// <summary>The last <paramref name="limit"/> runs (oldest first), for the HTML report's trend.</summary>
    public static IReadOnlyList<TrendPoint> RecentTrend(HistoryStore store, int limit)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var connection = store.Connect();
        return Trend(connection, since: null, limit);
    }

    /// <summary>
    /// Failure episodes. Per host and control, over the runs where the host was reachable, the status is failing (fail,
    /// error) or passing (pass); waived and skipped say nothing either way. SQL keeps only the rows where that changes
    /// (LAG over the sequence), so a long history costs one pass over the index; pairing the changes gives the episodes.
    /// </summary>
    private static List<FailureEpisode> Failures(SqliteConnection connection, HistoryFilter filter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH seq AS (
                SELECT r.host, r.control_id, r.run_id, ru.started_at, r.message,
                       CASE WHEN r.status IN ('fail', 'error') THEN 1 ELSE 0 END AS failing
                FROM results r
                JOIN runs ru ON ru.id = r.run_id
                JOIN run_hosts h ON h.run_id = r.run_id AND h.host = r.host
                WHERE h.state = 'reachable' AND r.status IN ('fail', 'error', 'pass')
                  AND ($host IS NULL OR r.host = $host)
                  AND ($control IS NULL OR r.control_id = $control)),
            changes AS (
                SELECT *, LAG(failing) OVER (PARTITION BY host, control_id ORDER BY started_at, run_id) AS previous FROM seq)
            SELECT host, control_id, run_id, started_at, failing, message FROM changes
            WHERE previous IS NULL OR previous <> failing
            ORDER BY host, control_id, started_at, run_id
            """;
        command.Parameters.AddWithValue("$host", (object?)filter.Host ?? DBNull.Value);
        command.Parameters.AddWithValue("$control", (object?)filter.Control ?? DBNull.Value);
        var episodes = new List<FailureEpisode>();
        FailureEpisode? open = null;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var host = reader.GetString(0);
            var control = reader.GetString(1);
            var runId = reader.GetInt64(2);
            var at = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3));
            var failing = reader.GetInt64(4) == 1;
            if (open is not null && (open.Host != host || open.ControlId != control))
            {
                episodes.Add(open);
                open = null;
            }

            if (failing)
            {
                open = new FailureEpisode(host, control, at, null, reader.GetString(5), runId, null);
            }
            else if (open is not null)
            {
                episodes.Add(open with { FixedAt = at, FixedRunId = runId });
                open = null;
            }
        }

        if (open is not null)
        {
            episodes.Add(open);
        }

        return episodes
            .Where(e => filter.Since is not { } since || e.FixedAt is null || e.FixedAt >= since)
            .OrderBy(e => e.FirstSeen).ThenBy(e => e.Host, StringComparer.Ordinal).ThenBy(e => e.ControlId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Hosts whose compliant flag (over reachable runs in the window) changed at least <see cref="HistoryFilter.FlapThreshold"/> times.</summary>
    private static List<FlappingHost> Flapping(SqliteConnection connection, HistoryFilter filter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH seq AS (
                SELECT h.host, ru.started_at, h.compliant,
                       LAG(h.compliant) OVER (PARTITION BY h.host ORDER BY ru.started_at, ru.id) AS previous
                FROM run_hosts h JOIN runs ru ON ru.id = h.run_id
                WHERE h.state = 'reachable' AND ru.started_at >= $since AND ($host IS NULL OR h.host = $host))
            SELECT host, SUM(CASE WHEN previous IS NOT NULL AND previous <> compliant THEN 1 ELSE 0 END) AS changes, COUNT(*) AS runs,
                   MAX(CASE WHEN previous IS NOT NULL AND previous <> compliant THEN started_at END) AS last_change
            FROM seq GROUP BY host
            HAVING changes >= $threshold
            ORDER BY changes DESC, host
            """;
        command.Parameters.AddWithValue("$since", filter.Since?.ToUnixTimeMilliseconds() ?? 0);
        command.Parameters.AddWithValue("$host", (object?)filter.Host ?? DBNull.Value);
        command.Parameters.AddWithValue("$threshold", Math.Max(1, filter.FlapThreshold));
        var hosts = new List<FlappingHost>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            hosts.Add(new FlappingHost(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return hosts;
    }

    private static List<TrendPoint> Trend(SqliteConnection connection, DateTimeOffset? since, int? limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT * FROM (
                SELECT id, started_at, hosts_total, hosts_compliant, hosts_unreachable, trigger FROM runs
                WHERE started_at >= $since ORDER BY started_at DESC, id DESC LIMIT $limit)
            ORDER BY started_at, id
            """;
        command.Parameters.AddWithValue("$since", since?.ToUnixTimeMilliseconds() ?? 0);
        command.Parameters.AddWithValue("$limit", limit ?? -1);
        var points = new List<TrendPoint>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            points.Add(new TrendPoint(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5)));
        }

        return points;
    }
}
