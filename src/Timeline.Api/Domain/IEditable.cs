namespace Timeline.Api.Domain;

/// <summary>A resource editors change through the API: versioned against lost updates, deleted softly.</summary>
public interface IEditable
{
    /// <summary>Goes up by one with every change; a write based on an older version fails.</summary>
    long Version { get; set; }

    /// <summary>When it was deleted; a deleted resource is gone from reads but stays in the change log.</summary>
    DateTimeOffset? DeletedAt { get; set; }
}
