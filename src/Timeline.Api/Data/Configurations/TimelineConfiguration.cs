using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timeline.Api.Data.Queries;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Configurations;

public sealed class TimelineConfiguration : IEntityTypeConfiguration<TimelineStory>
{
    public void Configure(EntityTypeBuilder<TimelineStory> builder)
    {
        builder.ToTable("Timelines");
        builder.ConfigureEditable();
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Slug).HasMaxLength(120);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Language).HasMaxLength(35);
        builder.ConfigureTranslations(withLanguage: false);

        builder.HasMany(t => t.Events).WithMany(e => e.Timelines).UsingEntity(
            "TimelineEvents",
            r => r.HasOne(typeof(Event)).WithMany().HasForeignKey("EventId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(TimelineStory)).WithMany().HasForeignKey("TimelineId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("TimelineId", "EventId");
                j.HasIndex("EventId");
                // A timeline's events in date order, and its most recently changed ones (the Atom feed), are index ranges.
                j.ConfigureEventDates();
                j.Property<DateTimeOffset>(EventListingColumns.UpdatedAt);
                j.HasIndex("TimelineId", DateSpans.Column, EventListingColumns.DateStart, "EventId", EventListingColumns.DateEnd);
                j.HasIndex("TimelineId", EventListingColumns.UpdatedAt, EventListingColumns.DateStart, "EventId");
            });
        builder.HasMany(t => t.Commitments).WithMany(c => c.Timelines).UsingEntity(
            "TimelineCommitments",
            r => r.HasOne(typeof(Commitment)).WithMany().HasForeignKey("CommitmentId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(TimelineStory)).WithMany().HasForeignKey("TimelineId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("TimelineId", "CommitmentId");
                j.HasIndex("CommitmentId");
            });
        builder.HasMany(t => t.Quotes).WithMany(q => q.Timelines).UsingEntity(
            "TimelineQuotes",
            r => r.HasOne(typeof(Quote)).WithMany().HasForeignKey("QuoteId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(TimelineStory)).WithMany().HasForeignKey("TimelineId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("TimelineId", "QuoteId");
                j.HasIndex("QuoteId");
            });
    }
}
