using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events.GetEvent;

public sealed class GetEventRequest
{
    public string Slug { get; set; } = "";

    /// <summary>The language of the texts (BCP 47); without it, <c>Accept-Language</c> decides. Texts not available in it fall back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class GetEventValidator : Validator<GetEventRequest>
{
    public GetEventValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

/// <summary>An event with everything linked to it.</summary>
public sealed class EventResponse : EventSummaryResponse
{
    public required IReadOnlyList<SourceResponse> Sources { get; init; }

    /// <summary>Commitments made in this event.</summary>
    public required IReadOnlyList<CommitmentRefResponse> Commitments { get; init; }

    /// <summary>Commitments whose status this event moved.</summary>
    public required IReadOnlyList<CommitmentRefResponse> Assessed { get; init; }
    public required IReadOnlyList<QuoteRefResponse> Quotes { get; init; }

    /// <summary>Typed links to other events, both ways: <c>direction</c> says whether this event is the subject.</summary>
    public required IReadOnlyList<RelatedEventResponse> Related { get; init; }

    /// <summary>Present when a language was asked for (<c>lang</c> or <c>Accept-Language</c>): each text of this response not in the first language asked for, with the language it is in (a later preference, the record's original, or English).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TextFallbackResponse>? Fallbacks { get; init; }
}

public sealed class QuoteRefResponse
{
    public required string Slug { get; init; }
    public required string Text { get; init; }
    public required ActorRefResponse Speaker { get; init; }
}

public sealed class RelatedEventResponse
{
    /// <summary>Read as "this event is &lt;relation&gt; the other" when direction is <c>outgoing</c>, and the other way round when <c>incoming</c>.</summary>
    public required EventRelationKind Relation { get; init; }
    public required string Direction { get; init; }
    public required EventRefResponse Event { get; init; }
}

public sealed class GetEventEndpoint(TimelineDbContext db) : Endpoint<GetEventRequest, EventResponse>
{
    public override void Configure()
    {
        Get("/events/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getEvent").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get an event";
            s.Description = "An event with its actors, sources, the commitments made or assessed in it, quotes and related events, its texts in the "
                + "language asked for (`lang`, else `Accept-Language`) where translated, else in the record's original language, else in English "
                + "(`fallbacks` lists those).";
        });
    }

    public override async Task HandleAsync(GetEventRequest req, CancellationToken ct)
    {
        var loaded = await EventDetails.LoadAsync(db, req.Slug, ct);
        if (loaded is null)
        {
            await Send.ResultAsync(Problems.NotFound("event", req.Slug));
            return;
        }

        var texts = TextChooser.For(HttpContext.Request);
        var representation = texts.Preferences.Count == 0 ? loaded.Representation
            : Representation.Of(EventDetails.Build(loaded.Event, await EventDetails.LoadMentionTextsAsync(db, loaded, ct), texts));
        texts.Originally(loaded.Event.Language);
        texts.Announce(HttpContext.Response);
        await Send.ResultAsync(representation);
    }
}
