using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>A cited publication.</summary>
public sealed class SourceResponse
{
    public static readonly System.Linq.Expressions.Expression<Func<Source, SourceResponse>> Projection = s => new SourceResponse
    {
        Url = s.Url, Title = s.Title, Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl,
    };

    public required string Url { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }

    /// <summary>Publication date (EDTF), when known.</summary>
    public string? Published { get; init; }
    public string? ArchivedUrl { get; init; }
}

/// <summary>A link to an actor.</summary>
public sealed class ActorRefResponse
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
}

/// <summary>An actor and the part they played in an event.</summary>
public sealed class EventActorResponse
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required ActorRole Role { get; init; }
}

/// <summary>A link to an event.</summary>
public sealed class EventRefResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required DateResponse Date { get; init; }
    public required EventStatus Status { get; init; }
}

/// <summary>A link to a commitment.</summary>
public sealed class CommitmentRefResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
}
