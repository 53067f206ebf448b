using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Timeline.Api.Data.Configurations;

/// <summary>
/// What every editable resource shares: <c>Version</c> guards against lost updates (a write that raced
/// another fails instead of overwriting it), and soft-deleted rows vanish from every query.
/// </summary>
internal static class EditableConfiguration
{
    public static void ConfigureEditable<T>(this EntityTypeBuilder<T> builder) where T : class
    {
        builder.Property<long>("Version").IsConcurrencyToken();
        builder.Property<DateTimeOffset?>("DeletedAt");
        builder.HasQueryFilter(e => EF.Property<DateTimeOffset?>(e, "DeletedAt") == null);
    }
}
