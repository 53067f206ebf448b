using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Data;

/// <summary>
/// The same model on PostgreSQL. A subclass only so that its migrations (Data/Migrations/Postgres) are
/// found apart from SQLite's: features keep asking for <see cref="TimelineDbContext"/>.
/// </summary>
public sealed class PostgresTimelineDbContext(DbContextOptions<PostgresTimelineDbContext> options) : TimelineDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // Text sorts byte by byte, as SQLite's BINARY collation does, whatever the database's locale:
        // slug order (and so cursors) is the same on both providers.
        configurationBuilder.Properties<string>().UseCollation("C");
        configurationBuilder.Properties<EventStatus>().UseCollation("C");
        configurationBuilder.Properties<EventKind>().UseCollation("C");
        configurationBuilder.Properties<ActorRole>().UseCollation("C");
        configurationBuilder.Properties<EventRelationKind>().UseCollation("C");
        configurationBuilder.Properties<CommitmentStatus>().UseCollation("C");
        configurationBuilder.Properties<CommitmentCategory>().UseCollation("C");
        configurationBuilder.Properties<ActorKind>().UseCollation("C");
        configurationBuilder.Properties<InstrumentKind>().UseCollation("C");
        configurationBuilder.Properties<TreatyActionKind>().UseCollation("C");
        configurationBuilder.Properties<Confidence>().UseCollation("C");
        configurationBuilder.Properties<ApiKeyRole>().UseCollation("C");
        configurationBuilder.Properties<ChangeOperation>().UseCollation("C");
    }
}

/// <summary>
/// Lets <c>dotnet ef migrations add ... --context PostgresTimelineDbContext</c> build the model without a
/// server (adding a migration never connects); the app itself configures the context in DatabaseSetup.
/// </summary>
internal sealed class PostgresTimelineDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresTimelineDbContext>
{
    public PostgresTimelineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTimelineDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("TIMELINE_POSTGRES") ?? "Host=localhost;Database=timeline")
            .Options);
}
