using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Configurations;

public sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ConfigureEditable();
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.Property(e => e.Slug).HasMaxLength(120);
        builder.Property(e => e.Title).HasMaxLength(300);
        builder.Property(e => e.DateText).HasMaxLength(64);
        builder.Property(e => e.Place).HasMaxLength(200);

        // The list endpoints sort by (date, slug) in both directions and filter by from/to, kind and status.
        builder.HasIndex(e => new { e.DateStart, e.Slug });
        builder.HasIndex(e => e.DateEnd);
        builder.HasIndex(e => e.Kind);
        builder.HasIndex(e => e.Status);

        builder.HasMany(e => e.Actors).WithOne().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Tags).WithOne().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Relations).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Sources).WithMany().UsingEntity(
            "EventSources",
            r => r.HasOne(typeof(Source)).WithMany().HasForeignKey("SourceId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(Event)).WithMany().HasForeignKey("EventId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("EventId", "SourceId");
                j.HasIndex("SourceId");
            });
    }
}

public sealed class EventActorConfiguration : IEntityTypeConfiguration<EventActor>
{
    public void Configure(EntityTypeBuilder<EventActor> builder)
    {
        builder.HasKey(a => new { a.EventId, a.ActorId, a.Role });
        builder.HasIndex(a => a.ActorId);
        builder.HasOne(a => a.Actor).WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EventTagConfiguration : IEntityTypeConfiguration<EventTag>
{
    public void Configure(EntityTypeBuilder<EventTag> builder)
    {
        builder.HasKey(t => new { t.EventId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(120);
        builder.HasIndex(t => new { t.Tag, t.EventId });
    }
}

public sealed class EventRelationConfiguration : IEntityTypeConfiguration<EventRelation>
{
    public void Configure(EntityTypeBuilder<EventRelation> builder)
    {
        builder.HasKey(r => new { r.EventId, r.RelatedEventId, r.Relation });
        builder.HasIndex(r => r.RelatedEventId);
        builder.HasOne(r => r.RelatedEvent).WithMany().HasForeignKey(r => r.RelatedEventId).OnDelete(DeleteBehavior.Restrict);
    }
}
