using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Timeline.Api.Data;

/// <summary>What a backup holds: the copy's size, its integrity check and the rows the API serves from it.</summary>
public sealed record BackupResult(string Path, long Bytes, string Integrity, IReadOnlyList<(string Name, int Count)> Counts);

/// <summary>
/// A consistent copy of the SQLite database while the API serves it: <c>VACUUM INTO</c> reads one snapshot in a single
/// read transaction (WAL lets writers go on meanwhile), writes it compacted to a new file, and the copy is then
/// opened on its own and checked with <c>PRAGMA integrity_check</c>.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Backs <paramref name="connectionString"/>'s database up to <paramref name="target"/>, which must not exist.</summary>
    /// <exception cref="FileNotFoundException">The database file does not exist (nothing is created).</exception>
    public static async Task<BackupResult> CreateAsync(string connectionString, string target, CancellationToken cancellationToken)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (!File.Exists(source.DataSource))
            throw new FileNotFoundException($"There is no SQLite database at '{source.DataSource}'.", source.DataSource);

        // ReadWrite, not ReadWriteCreate: a mistyped path must not leave an empty database behind.
        source.Mode = SqliteOpenMode.ReadWrite;
        source.Pooling = false;
        var path = Path.GetFullPath(target);
        await using (var connection = new SqliteConnection(source.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", path);
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        var copy = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        string integrity;
        await using (var connection = new SqliteConnection(copy))
        {
            await connection.OpenAsync(cancellationToken);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            integrity = Convert.ToString(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        await using var db = new TimelineDbContext(new DbContextOptionsBuilder<TimelineDbContext>().UseSqlite(copy).Options);
        IReadOnlyList<(string, int)> counts =
        [
            ("timelines", await db.Timelines.CountAsync(cancellationToken)),
            ("events", await db.Events.CountAsync(cancellationToken)),
            ("commitments", await db.Commitments.CountAsync(cancellationToken)),
            ("assessments", await db.Assessments.CountAsync(cancellationToken)),
            ("actors", await db.Actors.CountAsync(cancellationToken)),
            ("sources", await db.Sources.CountAsync(cancellationToken)),
            ("quotes", await db.Quotes.CountAsync(cancellationToken)),
            ("changes", await db.Changes.CountAsync(cancellationToken)),
            ("API keys", await db.ApiKeys.CountAsync(cancellationToken)),
        ];
        return new BackupResult(path, new FileInfo(path).Length, integrity, counts);
    }
}
