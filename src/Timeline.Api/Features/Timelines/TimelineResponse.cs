using System.Linq.Expressions;
using Timeline.Api.Domain;

namespace Timeline.Api.Features.Timelines;

/// <summary>A timeline: one story of events and commitments.</summary>
public sealed class TimelineResponse
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }

    /// <summary>BCP 47 language tag of the timeline's own texts (its original); <c>Content-Language</c> says which language this response's title is in.</summary>
    public required string Language { get; init; }
    public required int EventCount { get; init; }
    public required int CommitmentCount { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Present when a language was asked for (<c>lang</c> or <c>Accept-Language</c>): each text of this response not in the first language asked for, with the language it is in (a later preference, the record's original, or English).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Common.TextFallbackResponse>? Fallbacks { get; init; }

    public static readonly Expression<Func<TimelineStory, TimelineResponse>> Projection = t => new TimelineResponse
    {
        Slug = t.Slug,
        Title = t.Title,
        Description = t.Description,
        Language = t.Language,
        EventCount = t.Events.Count,
        CommitmentCount = t.Commitments.Count,
        UpdatedAt = t.UpdatedAt,
    };

}
