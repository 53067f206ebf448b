namespace Timeline.Api.Domain;

/// <summary>What an API key may do: editors write, admins also retract assessments.</summary>
public enum ApiKeyRole { Editor, Admin }

/// <summary>
/// A key for the write API. Only a hash of its secret is kept; the key itself is shown once, when created.
/// Keys look like <c>tl_{KeyId}_{secret}</c>: the public id finds the row, the secret is compared in constant time.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string KeyId { get; set; }
    public required byte[] SecretHash { get; set; }
    public ApiKeyRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>What a write did.</summary>
public enum ChangeOperation { Create, Update, Delete, Assess, Retract }

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

/// <summary>One timeline a change-log entry belongs to (with the entry's operation, so that corrections are found fast too).</summary>
public sealed class ChangeLogTimeline
{
    public long ChangeId { get; set; }
    public required string Timeline { get; set; }
    public ChangeOperation Operation { get; set; }
}

/// <summary>The stored outcome of a POST made with an <c>Idempotency-Key</c>, replayed for retries.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public required string KeyName { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
