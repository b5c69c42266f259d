using System.Text;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>Every text (and blob, read as UTF-8) value of every row of every table of a SQLite file, to search for what must not be there.</summary>
internal static class SqliteText
{
    /// <summary>One entry per non-null text or blob cell, as <c>table.column: value</c>; the file is opened read-only.</summary>
    public static List<string> Cells(string path)
    {
        var cells = new List<string>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        foreach (var table in Tables(connection))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                    {
                        string s => s,
                        byte[] b => Encoding.UTF8.GetString(b),
                        _ => null,
                    };
                    if (text is not null)
                    {
                        cells.Add($"{table}.{reader.GetName(i)}: {text}");
                    }
                }
            }
        }

        return cells;
    }

    private static List<string> Tables(SqliteConnection connection)
    {
        using var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = list.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
