using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Configurations;

public sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.ConfigureEditable();
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(120);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.DueText).HasMaxLength(64);
        builder.ConfigureTranslations();
        builder.HasIndex(c => c.Category);
        builder.HasIndex(c => c.MadeInEventId);
        builder.HasOne(c => c.MadeInEvent).WithMany().HasForeignKey(c => c.MadeInEventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Assessments).WithOne().HasForeignKey(a => a.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Parties).WithMany().UsingEntity(
            "CommitmentParties",
            r => r.HasOne(typeof(Actor)).WithMany().HasForeignKey("ActorId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(Commitment)).WithMany().HasForeignKey("CommitmentId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("CommitmentId", "ActorId");
                j.HasIndex("ActorId");
            });
    }
}

public sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.Property(a => a.DateText).HasMaxLength(64);
        builder.Property(a => a.RecordedBy).HasMaxLength(200);
        builder.Property(a => a.RetractedBy).HasMaxLength(200);
        builder.ConfigureTranslations();

        // "Status as of D" picks each commitment's latest assessment with DateEnd <= D.
        builder.HasIndex(a => new { a.CommitmentId, a.DateEnd, a.DateStart, a.Id });
        builder.HasIndex(a => a.EventId);
        builder.HasOne(a => a.Event).WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Sources).WithMany().UsingEntity(
            "AssessmentSources",
            r => r.HasOne(typeof(Source)).WithMany().HasForeignKey("SourceId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(Assessment)).WithMany().HasForeignKey("AssessmentId").OnDelete(DeleteBehavior.Cascade),
            j =>
            {
                j.HasKey("AssessmentId", "SourceId");
                j.HasIndex("SourceId");
            });
    }
}
