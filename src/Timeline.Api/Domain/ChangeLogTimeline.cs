namespace Timeline.Api.Domain;

/// <summary>One timeline a change-log entry belongs to (with the entry's operation, so that corrections are found fast too).</summary>
public sealed class ChangeLogTimeline
{
    public long ChangeId { get; set; }
    public required string Timeline { get; set; }
    public ChangeOperation Operation { get; set; }
}
