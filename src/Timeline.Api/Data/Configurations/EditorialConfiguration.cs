using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure.Auth;
using Timeline.Api.Infrastructure.Idempotency;

namespace Timeline.Api.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasIndex(k => k.Name).IsUnique();
        builder.HasIndex(k => k.KeyId).IsUnique();
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.KeyId).HasMaxLength(32);
        builder.Property(k => k.SecretHash).HasMaxLength(32);
    }
}

public sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> builder)
    {
        builder.ToTable("ChangeLog");
        // Stored as a sortable number: SQLite cannot compare DateTimeOffset text (the log filters on `since`).
        builder.Property(c => c.At).HasConversion(new DateTimeOffsetToBinaryConverter());
        builder.Property(c => c.KeyName).HasMaxLength(100);
        builder.Property(c => c.ResourceType).HasMaxLength(32);
        builder.Property(c => c.ResourceKey).HasMaxLength(2000);
        // The log is read newest first: whole, per kind of resource, per resource, per timeline, and from a date.
        builder.HasIndex(c => new { c.ResourceType, c.ResourceKey, c.Id });
        builder.HasIndex(c => new { c.ResourceType, c.Id });
        builder.HasIndex(c => c.At);
        builder.HasMany(c => c.TimelineLinks).WithOne().HasForeignKey(t => t.ChangeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ChangeLogTimelineConfiguration : IEntityTypeConfiguration<ChangeLogTimeline>
{
    public void Configure(EntityTypeBuilder<ChangeLogTimeline> builder)
    {
        builder.ToTable("ChangeLogTimelines");
        builder.HasKey(t => new { t.Timeline, t.ChangeId });
        builder.Property(t => t.Timeline).HasMaxLength(120);
        builder.HasIndex(t => new { t.Timeline, t.Operation, t.ChangeId });
        builder.HasIndex(t => t.ChangeId);
    }
}

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasIndex(r => new { r.KeyName, r.IdempotencyKey }).IsUnique();
        builder.Property(r => r.KeyName).HasMaxLength(100);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(200);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.CreatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        builder.HasIndex(r => r.CreatedAt);
    }
}
