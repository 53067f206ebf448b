namespace Timeline.Api.Domain;

/// <summary>What a write did.</summary>
public enum ChangeOperation { Create, Update, Delete, Assess, Retract, Record }

/// <summary>
/// One entry of the public change log — a newsroom's corrections log. Written in the same transaction
/// as the change it records; never updated or deleted.
/// </summary>
public sealed class ChangeLogEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string KeyName { get; set; }
    public ChangeOperation Operation { get; set; }

    /// <summary>event, commitment, actor, timeline, quote, source or assessment.</summary>
    public required string ResourceType { get; set; }

    /// <summary>The resource's slug (or id for sources and assessments).</summary>
    public required string ResourceKey { get; set; }

    /// <summary>Space-separated slugs of the timelines the resource belongs to, as the log shows them.</summary>
    public string Timelines { get; set; } = "";

    /// <summary>The same timelines one row each, for filtering (a timeline's changes are then an index range).</summary>
    public List<ChangeLogTimeline> TimelineLinks { get; set; } = [];

    /// <summary>JSON array of <c>{ field, before, after }</c>.</summary>
    public required string Changes { get; set; }

    /// <summary>Sets the timelines the entry belongs to, in both forms.</summary>
    public void SetTimelines(IEnumerable<string> slugs)
    {
        var distinct = slugs.Distinct().Order(StringComparer.Ordinal).ToList();
        Timelines = string.Join(' ', distinct);
        TimelineLinks = [.. distinct.Select(slug => new ChangeLogTimeline { Timeline = slug, Operation = Operation })];
    }
}
