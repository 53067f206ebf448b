using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Infrastructure.Idempotency;

namespace Timeline.Api.Data;

/// <summary>
/// The EF model, shared by both providers. This class is the SQLite context and owns the migrations in
/// Data/Migrations; <see cref="PostgresTimelineDbContext"/> subclasses it only to own a second migration set.
/// </summary>
public class TimelineDbContext : DbContext
{
    public TimelineDbContext(DbContextOptions<TimelineDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's subclass, whose options are typed to itself.</summary>
    protected TimelineDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<TimelineStory> Timelines => Set<TimelineStory>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventTag> EventTags => Set<EventTag>();
    public DbSet<EventActor> EventActors => Set<EventActor>();
    public DbSet<EventRelation> EventRelations => Set<EventRelation>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<Treaty> Treaties => Set<Treaty>();
    public DbSet<TreatyAction> TreatyActions => Set<TreatyAction>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<ActorAlias> ActorAliases => Set<ActorAlias>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<SearchHit> SearchHits => Set<SearchHit>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ChangeLogEntry> Changes => Set<ChangeLogEntry>();
    public DbSet<ChangeLogTimeline> ChangeTimelines => Set<ChangeLogTimeline>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TimelineDbContext).Assembly);

        // The span class of a date (see DateSpans) is computed by the database, in its own dialect.
        var spans = DateSpans.ComputedSql(Database.IsNpgsql());
        foreach (var property in modelBuilder.Model.GetEntityTypes().Select(t => t.FindProperty(DateSpans.Column)).OfType<IMutableProperty>())
        {
            property.SetComputedColumnSql(spans);
            property.SetIsStored(Database.IsNpgsql()); // SQLite cannot add a stored column to a table; a virtual one indexes as well
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their kebab-case wire values, so the database reads like the API.
        configurationBuilder.Properties<EventStatus>().HaveConversion<KebabEnumConverter<EventStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<EventKind>().HaveConversion<KebabEnumConverter<EventKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<ActorRole>().HaveConversion<KebabEnumConverter<ActorRole>>().HaveMaxLength(32);
        configurationBuilder.Properties<EventRelationKind>().HaveConversion<KebabEnumConverter<EventRelationKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<CommitmentStatus>().HaveConversion<KebabEnumConverter<CommitmentStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<CommitmentCategory>().HaveConversion<KebabEnumConverter<CommitmentCategory>>().HaveMaxLength(32);
        configurationBuilder.Properties<ActorKind>().HaveConversion<KebabEnumConverter<ActorKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<InstrumentKind>().HaveConversion<KebabEnumConverter<InstrumentKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<TreatyActionKind>().HaveConversion<KebabEnumConverter<TreatyActionKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<Confidence>().HaveConversion<KebabEnumConverter<Confidence>>().HaveMaxLength(16);
        configurationBuilder.Properties<ApiKeyRole>().HaveConversion<KebabEnumConverter<ApiKeyRole>>().HaveMaxLength(16);
        configurationBuilder.Properties<ChangeOperation>().HaveConversion<KebabEnumConverter<ChangeOperation>>().HaveMaxLength(16);
    }
}

/// <summary>
/// Lets <c>dotnet ef migrations add ... --context TimelineDbContext</c> build the SQLite model on its own: without
/// it the tools fall back to <see cref="PostgresTimelineDbContextDesignFactory"/> (its context is a
/// TimelineDbContext too) and write a PostgreSQL migration into the SQLite set. Adding a migration never connects.
/// </summary>
internal sealed class TimelineDbContextDesignFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<TimelineDbContext>
{
    public TimelineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TimelineDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
