namespace Timeline.Api.Domain;

/// <summary>
/// A resource editors change through the API: versioned against lost updates, deleted softly. The rules are
/// <see cref="Editable"/>'s: every change bumps the version (a write based on an older version then fails), and a
/// delete is a change that hides the resource from reads while the change log keeps it.
/// </summary>
public interface IEditable
{
    /// <summary>Goes up by one with every change; a write based on an older version fails.</summary>
    long Version { get; set; }

    /// <summary>When it was deleted; a deleted resource is gone from reads but stays in the change log.</summary>
    DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Records when it last changed, for the resources that show it (a source shows no such date).</summary>
    void Touch(DateTimeOffset at)
    {
    }
}

/// <summary>The versioning and soft-delete rules of every <see cref="IEditable"/>.</summary>
public static class Editable
{
    public static void Created(this IEditable resource, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Version = 1;
        resource.Touch(at);
    }

    public static void Changed(this IEditable resource, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Version++;
        resource.Touch(at);
    }

    public static void Deleted(this IEditable resource, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.DeletedAt = at;
        resource.Changed(at);
    }
}
