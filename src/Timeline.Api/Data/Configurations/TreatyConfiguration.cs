using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Configurations;

public sealed class TreatyConfiguration : IEntityTypeConfiguration<Treaty>
{
    public void Configure(EntityTypeBuilder<Treaty> builder)
    {
        builder.ConfigureEditable();
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Slug).HasMaxLength(120);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.ShortTitle).HasMaxLength(120);
        builder.Property(t => t.SignedText).HasMaxLength(64);
        builder.Property(t => t.Place).HasMaxLength(200);
        builder.Property(t => t.TextUrl).HasMaxLength(2000);
        builder.HasIndex(t => t.SignedStart);
        builder.HasIndex(t => t.EventId);
        builder.HasOne(t => t.Event).WithMany().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Actions).WithOne().HasForeignKey(a => a.TreatyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Parties).WithMany().UsingEntity(
            "TreatyParties",
            r => r.HasOne(typeof(Actor)).WithMany().HasForeignKey("ActorId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(Treaty)).WithMany().HasForeignKey("TreatyId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("TreatyId", "ActorId");
                // A state's treaty record (/actors/{slug}/treaties) is an index range.
                j.HasIndex("ActorId", "TreatyId");
            });
        // A join table rather than a column on Commitments: a commitment may restate an earlier instrument's (joint
        // defence: the 1997 military treaty, then the 1999 treaty), and SQLite adds no foreign key without rebuilding a table.
        builder.HasMany(t => t.Commitments).WithMany(c => c.Treaties).UsingEntity(
            "TreatyCommitments",
            r => r.HasOne(typeof(Commitment)).WithMany().HasForeignKey("CommitmentId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Treaty)).WithMany().HasForeignKey("TreatyId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("TreatyId", "CommitmentId");
                j.HasIndex("CommitmentId");
            });
        builder.HasMany(t => t.Timelines).WithMany().UsingEntity(
            "TimelineTreaties",
            r => r.HasOne(typeof(TimelineStory)).WithMany().HasForeignKey("TimelineId").OnDelete(DeleteBehavior.Cascade),
            l => l.HasOne(typeof(Treaty)).WithMany().HasForeignKey("TreatyId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("TimelineId", "TreatyId");
                j.HasIndex("TreatyId");
            });
    }
}

public sealed class TreatyActionConfiguration : IEntityTypeConfiguration<TreatyAction>
{
    public void Configure(EntityTypeBuilder<TreatyAction> builder)
    {
        builder.Property(a => a.DateText).HasMaxLength(64);
        builder.Property(a => a.Body).HasMaxLength(200);
        builder.Property(a => a.RecordedBy).HasMaxLength(200);
        builder.Property(a => a.RetractedBy).HasMaxLength(200);

        // A treaty's record in the order it took effect; and a timeline's dated actions, by date.
        builder.HasIndex(a => new { a.TreatyId, a.DateEnd, a.DateStart, a.Id });
        builder.HasIndex(a => new { a.DateStart, a.Id });
        builder.HasIndex(a => a.PartyId);
        builder.HasIndex(a => a.EventId);
        builder.HasOne(a => a.Party).WithMany().HasForeignKey(a => a.PartyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Event).WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Sources).WithMany().UsingEntity(
            "TreatyActionSources",
            r => r.HasOne(typeof(Source)).WithMany().HasForeignKey("SourceId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(TreatyAction)).WithMany().HasForeignKey("TreatyActionId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("TreatyActionId", "SourceId");
                j.HasIndex("SourceId");
            });
    }
}
