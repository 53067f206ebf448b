using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Timeline.Api.Tests.Scale;

/// <summary>
/// The plan the database makes for a captured query, one line per step: SQLite's <c>EXPLAIN QUERY PLAN</c>
/// details, or PostgreSQL's <c>EXPLAIN</c> nodes as "Node Type on relation using index".
/// </summary>
/// <remarks>
/// On PostgreSQL the plan is asked for with sequential scans and sorts priced out of reach
/// (<c>enable_seqscan</c>, <c>enable_sort</c> off): a few thousand rows are cheaper to scan and sort than to
/// read through an index, so the question asked is "can an index serve this", the one that matters at a million.
/// </remarks>
public static class QueryPlans
{
    public static async Task<IReadOnlyList<string>> ExplainAsync(TestDatabase database, CapturedCommand command)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(command);
        return database.Provider == Api.Infrastructure.DatabaseOptions.Postgres
            ? await ExplainPostgresAsync(database.ConnectionString, command)
            : await ExplainSqliteAsync(database.ConnectionString, command);
    }

    private static async Task<IReadOnlyList<string>> ExplainSqliteAsync(string connectionString, CapturedCommand command)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        // What the app makes in a connection's temporary schema (the search vocabulary) is made here too.
        await using (var temporary = connection.CreateCommand())
        {
            temporary.CommandText = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.SearchVocabulary USING fts5vocab(main, SearchIndex, instance);";
            await temporary.ExecuteNonQueryAsync();
        }

        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var p in command.Parameters)
            explain.Parameters.Add(new SqliteParameter(p.Name, p.Value ?? DBNull.Value));
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(3));
        return lines;
    }

    private static async Task<IReadOnlyList<string>> ExplainPostgresAsync(string connectionString, CapturedCommand command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var settings = new NpgsqlCommand("SET enable_seqscan = off; SET enable_sort = off;", connection))
            await settings.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + command.Sql, connection);
        foreach (var p in command.Parameters)
        {
            var parameter = new NpgsqlParameter(p.Name.TrimStart('@'), p.Value ?? DBNull.Value);
            if (p.NpgsqlType is { } type && type != NpgsqlTypes.NpgsqlDbType.Unknown)
                parameter.NpgsqlDbType = type;
            explain.Parameters.Add(parameter);
        }

        var json = (string)(await explain.ExecuteScalarAsync())!;
        using var document = JsonDocument.Parse(json);
        var lines = new List<string>();
        Walk(document.RootElement[0].GetProperty("Plan"), lines);
        return lines;
    }

    private static void Walk(JsonElement node, List<string> lines)
    {
        var text = node.GetProperty("Node Type").GetString()!;
        if (node.TryGetProperty("Relation Name", out var relation))
            text += $" on {relation.GetString()}";
        if (node.TryGetProperty("Index Name", out var index))
            text += $" using {index.GetString()}";
        lines.Add(text);
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
                Walk(child, lines);
        }
    }
}
