namespace Timeline.Api.Domain;

/// <summary>
/// An entry of an append-only record — a commitment's status history, a treaty's actions. Entries are never changed or
/// removed: an admin may withdraw one, once, with a reason; it then stays in the record and no longer counts.
/// </summary>
public interface IRecordEntry
{
    long Id { get; }

    DateTimeOffset? RetractedAt { get; set; }

    string? RetractedBy { get; set; }

    string? RetractionReason { get; set; }
}
