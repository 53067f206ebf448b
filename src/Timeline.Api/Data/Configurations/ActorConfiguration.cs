using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Configurations;

public sealed class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> builder)
    {
        builder.ConfigureEditable();
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Slug).HasMaxLength(120);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.FoldedName).HasMaxLength(200);
        builder.HasIndex(a => a.FoldedName);
        builder.HasIndex(a => a.Kind);
        builder.ConfigureTranslations();
        builder.HasMany(a => a.Aliases).WithOne().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ActorAliasConfiguration : IEntityTypeConfiguration<ActorAlias>
{
    public void Configure(EntityTypeBuilder<ActorAlias> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.FoldedName).HasMaxLength(200);
        builder.HasIndex(a => new { a.ActorId, a.Name }).IsUnique();
        builder.HasIndex(a => a.FoldedName);
    }
}

public sealed class SourceConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.ConfigureEditable();
        builder.HasIndex(s => s.Url).IsUnique();
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.ArchivedUrl).HasMaxLength(2000);
        builder.Property(s => s.Title).HasMaxLength(500);
        builder.Property(s => s.Publisher).HasMaxLength(200);
        builder.Property(s => s.PublishedText).HasMaxLength(64);
        builder.ConfigureTranslations();
    }
}

public sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> builder)
    {
        builder.ConfigureEditable();
        builder.HasIndex(q => q.Slug).IsUnique();
        builder.Property(q => q.Slug).HasMaxLength(120);
        builder.Property(q => q.DateText).HasMaxLength(64);
        builder.ConfigureTranslations();
        builder.HasIndex(q => q.SpeakerId);
        builder.HasIndex(q => q.EventId);
        builder.HasIndex(q => q.CommitmentId);
        builder.HasIndex(q => q.SourceId);
        builder.HasOne(q => q.Speaker).WithMany().HasForeignKey(q => q.SpeakerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(q => q.Source).WithMany().HasForeignKey(q => q.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(q => q.Event).WithMany().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(q => q.Commitment).WithMany().HasForeignKey(q => q.CommitmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
