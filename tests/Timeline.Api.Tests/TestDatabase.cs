using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Timeline.Api.Data;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Tests;

/// <summary>
/// One test's own database: a SQLite file in a temp folder by default, or, when the environment variable
/// <c>TIMELINE_TEST_POSTGRES</c> holds a connection string to a PostgreSQL server (a role with CREATEDB),
/// a fresh PostgreSQL database with a random name that is dropped on dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "TIMELINE_TEST_POSTGRES";

    private readonly string? _postgresName;

    /// <param name="folder">Where a SQLite file goes.</param>
    /// <param name="fileName">The SQLite file's name.</param>
    /// <param name="sqlite">Use SQLite even on a PostgreSQL run (to compare the two providers).</param>
    public TestDatabase(string folder, string fileName = "timeline.db", bool sqlite = false)
    {
        if (PostgresServer is null || sqlite)
        {
            Provider = DatabaseOptions.Sqlite;
            SqlitePath = Path.Combine(folder, fileName);
            ConnectionString = $"Data Source={SqlitePath}";
            return;
        }

        Provider = DatabaseOptions.Postgres;
        _postgresName = $"timeline_test_{Guid.NewGuid():N}";
        // Byte-order collation as SQLite's; a UTF-8 ctype so that lower() and the search folding know every script.
        Execute($"CREATE DATABASE \"{_postgresName}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _postgresName }.ToString();
    }

    /// <summary>The server to create test databases on, or <c>null</c> to test on SQLite.</summary>
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, as <c>Database:Provider</c> takes it.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file; <c>null</c> on PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The settings that point the app or a verb at this database, as command-line overrides.</summary>
    public IReadOnlyList<string> Arguments => [$"--Database:Provider={Provider}", $"--ConnectionStrings:Timeline={ConnectionString}"];

    /// <summary>A context straight on the database (no app), for asserting on what it holds.</summary>
    public TimelineDbContext CreateContext() => _postgresName is not null
        ? new PostgresTimelineDbContext(new DbContextOptionsBuilder<PostgresTimelineDbContext>().UseNpgsql(ConnectionString).Options)
        : new TimelineDbContext(new DbContextOptionsBuilder<TimelineDbContext>().UseSqlite(ConnectionString).Options);

    public void Dispose()
    {
        if (_postgresName is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        // FORCE ends this test's sessions, but not an autovacuum worker that happens to be on the database:
        // that refusal is transient, so try again a few times, and leave the database behind if it persists.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 10)
                    return;
                Thread.Sleep(200 * attempt);
            }
        }
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
