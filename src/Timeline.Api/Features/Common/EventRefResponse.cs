using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>A link to an event.</summary>
public sealed class EventRefResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required DateResponse Date { get; init; }
    public required EventStatus Status { get; init; }
}
