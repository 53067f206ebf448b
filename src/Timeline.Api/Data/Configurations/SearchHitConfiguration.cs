using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Timeline.Api.Data.Search;

namespace Timeline.Api.Data.Configurations;

/// <summary>Search hits are read only through <see cref="IFullTextSearch"/>'s SQL; the FTS table itself is made by a migration.</summary>
public sealed class SearchHitConfiguration : IEntityTypeConfiguration<SearchHit>
{
    public void Configure(EntityTypeBuilder<SearchHit> builder) => builder.HasNoKey().ToView(null);
}
