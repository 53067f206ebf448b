using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Timelines.GetTimeline;

public sealed class GetTimelineRequest
{
    public string Slug { get; set; } = "";

    /// <summary>The language of the texts (BCP 47); without it, <c>Accept-Language</c> decides. Texts not available in it fall back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class GetTimelineValidator : Validator<GetTimelineRequest>
{
    public GetTimelineValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class GetTimelineEndpoint(TimelineDbContext db) : Endpoint<GetTimelineRequest, TimelineResponse>
{
    public override void Configure()
    {
        Get("/timelines/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getTimeline").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get a timeline";
            s.Description = "A timeline with the number of its events and commitments, its title and description in the language asked for "
                + "(`lang`, else `Accept-Language`) where translated, else in its original language, else in English (`fallbacks` lists those).";
        });
    }

    public override async Task HandleAsync(GetTimelineRequest req, CancellationToken ct)
    {
        var timeline = await TimelineEditor.LoadAsync(db.Timelines.AsNoTracking(), req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        // oEmbed discovery for clients that start from the API rather than the widget page.
        var self = PublicUrls.Timeline(HttpContext.Request, req.Slug);
        HttpContext.Response.Headers.Append(
            "Link", $"<{PublicUrls.OEmbedFor(HttpContext.Request, self)}>; rel=\"alternate\"; type=\"{OutputMediaTypes.OEmbedJson}\"");
        var texts = TextChooser.For(HttpContext.Request);
        var representation = texts.Preferences.Count == 0 ? timeline.Representation
            : Representation.Of(TimelineEditor.Represent(timeline.Timeline, timeline.EventCount, timeline.CommitmentCount, texts));
        texts.Originally(timeline.Timeline.Language);
        texts.Announce(HttpContext.Response);
        await Send.ResultAsync(representation);
    }
}
