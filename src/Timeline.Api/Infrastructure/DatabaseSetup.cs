using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Timeline.Api.Data;
using Timeline.Api.Data.Export;
using Timeline.Api.Data.Import;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Events;

namespace Timeline.Api.Infrastructure;

public static partial class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=timeline.db";

    public static IServiceCollection AddTimelineDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        if (options.IsPostgres)
        {
            var connectionString = configuration.GetConnectionString("Timeline");
            if (string.IsNullOrWhiteSpace(connectionString) || connectionString.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("Database:Provider 'Postgres' needs ConnectionStrings:Timeline, e.g. 'Host=db;Database=timeline;Username=timeline;Password=...'.");
            services.AddDbContextPool<TimelineDbContext, PostgresTimelineDbContext>(db =>
                Configure(db.UseNpgsql(connectionString).AddInterceptors(PostgresTextInterceptor.Instance)));
            services.AddSingleton<IFullTextSearch, PostgresFullTextSearch>();
        }
        else if (string.Equals(options.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var connection = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Timeline") ?? DefaultConnectionString)
            {
                ForeignKeys = true,
            };
            var connectionString = connection.ToString();
            services.AddSingleton(_ => new SqliteCompiledReads(connectionString));
            services.AddDbContextPool<TimelineDbContext>((provider, db) =>
                Configure(db.UseSqlite(connectionString).AddInterceptors(provider.GetRequiredService<SqliteCompiledReads>())));
            services.AddSingleton<IFullTextSearch, SqliteFullTextSearch>();
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}'.");
        }

        services.AddScoped<DataSetImporter>();
        services.AddScoped<DataSetExporter>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseReadiness>();
        return services;
    }

    // Contexts are pooled: their options are built once (not per request, which cost more than serving a cached
    // page) and a request takes a context that is already made.
    private static void Configure(DbContextOptionsBuilder db) =>
        db.ConfigureWarnings(w => w
            // Soft-deleted rows are filtered out, and deleting one that others still refer to is refused (409),
            // so a required navigation never points at a filtered row.
            .Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)
            // A failed save is often expected (a duplicate slug is a 409, a lost race a 412): the code that catches it
            // decides, and one it does not catch reaches the exception handler, which logs it as an error.
            .Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug)));

    /// <summary>Creates and migrates the database, and seeds it from the data folder when it has no timelines yet.</summary>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TimelineDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;

        // Replicas starting together on one PostgreSQL database take turns (a session advisory lock): the first
        // migrates and seeds an empty database, the others then find it done.
        var postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(7415001);", cancellationToken);
        }

        try
        {
            await MigrateAndSeedAsync(scope.ServiceProvider, db, options, logger, cancellationToken);
            scope.ServiceProvider.GetRequiredService<DatabaseReadiness>().Ready();
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(7415001);", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>How many of the newest events get their search rows written again on start.</summary>
    public const int NewestReindexedOnStart = 100;

    private static async Task MigrateAndSeedAsync(
        IServiceProvider services, TimelineDbContext db, DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        // Each provider has its own migration set: Data/Migrations (SQLite), Data/Migrations/Postgres.
        if (db.Database.IsNpgsql())
        {
            // Npgsql reads the history table before creating it and logs that as an error on a new database
            // (npgsql/efcore.pg#3407); creating it first keeps operators' logs and the verbs' output clean.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a write commits; the setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Event listings missing after an upgrade from before the read model are computed once (an index look-up when none are).
        var filled = await EventListing.FillMissingAsync(db, cancellationToken);
        if (filled > 0)
            LogListingsFilled(logger, filled);

        // Writes now keep an event's search row in their own transaction; earlier versions refreshed it after the commit,
        // so a crash could leave the newest events unsearchable. Their rows are written again on every start: two
        // statements whatever the archive's size. The reindex verb rebuilds the whole index.
        var newest = await db.Events.OrderByDescending(e => e.Id).Select(e => e.Id).Take(NewestReindexedOnStart).ToListAsync(cancellationToken);
        if (newest.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await services.GetRequiredService<IFullTextSearch>().RefreshAsync(db, SearchKinds.Event, newest, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (!options.SeedOnStart || await db.Timelines.AnyAsync(cancellationToken))
            return;

        var dataPath = options.DataPath ?? FindDataFolder(AppContext.BaseDirectory) ?? FindDataFolder(Directory.GetCurrentDirectory());
        if (dataPath is null)
        {
            LogNoDataFolder(logger);
            return;
        }

        var importer = services.GetRequiredService<DataSetImporter>();
        var result = await importer.ImportAsync(dataPath, dryRun: false, cancellationToken);
        LogSeeded(logger, result.Files, dataPath, result.Changes);
    }

    /// <summary>Walks up from a folder to the first <c>data/</c> that holds the data schema.</summary>
    public static string? FindDataFolder(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "data");
            if (File.Exists(Path.Combine(candidate, "timeline-data.schema.json")))
                return candidate;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No data/ folder found to seed the empty database from; set Database:DataPath.")]
    private static partial void LogNoDataFolder(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Computed the list representation of {Events} events (first start after an upgrade).")]
    private static partial void LogListingsFilled(ILogger logger, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the database from {Files} data files in {Path} ({Changes} rows).")]
    private static partial void LogSeeded(ILogger logger, int files, string path, int changes);
}
