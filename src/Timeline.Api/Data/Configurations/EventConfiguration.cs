using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timeline.Api.Data.Queries;
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
        builder.ConfigureTranslations();

        // Lists walk (span class, start date, id) ranges in date order and merge the classes (see DateSpans);
        // DateEnd is in each index so that a window's other bound is checked without reading the row.
        builder.Property<int>(DateSpans.Column);
        builder.HasIndex(DateSpans.Column, nameof(Event.DateStart), nameof(Event.Id), nameof(Event.DateEnd));
        builder.HasIndex(nameof(Event.Kind), DateSpans.Column, nameof(Event.DateStart), nameof(Event.Id), nameof(Event.DateEnd));
        builder.HasIndex(nameof(Event.Status), DateSpans.Column, nameof(Event.DateStart), nameof(Event.Id), nameof(Event.DateEnd));

        // The event as lists show it, ready to send (see EventListing, which keeps it in step with every write).
        builder.Property<string?>(EventListingColumns.ListJson);
        builder.HasIndex(e => e.Id, "IX_Events_ListingMissing").HasFilter("\"ListJson\" IS NULL AND \"DeletedAt\" IS NULL");

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
        // "Events of actor X in date order after cursor C" is one range of this index (dates copied from the event).
        builder.ConfigureEventDates();
        builder.HasIndex(nameof(EventActor.ActorId), DateSpans.Column, EventListingColumns.DateStart, nameof(EventActor.EventId), EventListingColumns.DateEnd);
        builder.HasOne(a => a.Actor).WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EventTagConfiguration : IEntityTypeConfiguration<EventTag>
{
    public void Configure(EntityTypeBuilder<EventTag> builder)
    {
        builder.HasKey(t => new { t.EventId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(120);
        builder.ConfigureEventDates();
        builder.HasIndex(nameof(EventTag.Tag), DateSpans.Column, EventListingColumns.DateStart, nameof(EventTag.EventId), EventListingColumns.DateEnd);
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

/// <summary>
/// The columns the event lists' read model adds to the schema: each event's list representation, and on the
/// join tables (timeline, actor, tag) copies of the event's dates, so that a filtered list is one index range.
/// They are shadow properties: the domain model knows nothing of them, and <c>EventListing</c> maintains them.
/// </summary>
public static class EventListingColumns
{
    public const string ListJson = "ListJson";
    public const string DateStart = "DateStart";
    public const string DateEnd = "DateEnd";
    public const string UpdatedAt = "UpdatedAt";

    /// <summary>The copied dates and their computed span class on a table that points at events.</summary>
    public static void ConfigureEventDates(this EntityTypeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property<DateOnly>(DateStart);
        builder.Property<DateOnly>(DateEnd);
        builder.Property<int>(DateSpans.Column);
    }
}
