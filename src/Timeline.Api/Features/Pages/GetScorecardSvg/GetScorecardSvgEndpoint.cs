using FastEndpoints.Swagger;
using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Embed;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages.GetScorecardSvg;

public sealed class GetScorecardSvgRequest
{
    public string Slug { get; set; } = "";

    /// <summary>Count statuses as recorded up to this EDTF date (its last day); empty or absent: today.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }

    /// <summary><c>light</c> (the default) or <c>dark</c>: a picture cannot follow the reader's setting once shared.</summary>
    [QueryParam]
    public string? Theme { get; set; }

    /// <summary>
    /// The interface language: <c>be</c>, <c>ru</c> or <c>en</c> (a BCP 47 tag; <c>be-BY</c> is <c>be</c>). Beats
    /// <c>Accept-Language</c>; absent or not available, the timeline's own language is used if the interface exists in it,
    /// else English (an unavailable tag is named in a <c>Timeline-Language-Fallback</c> header). <c>Content-Language</c> says
    /// which was used. The timeline's title is shown in the language asked for where translated, else as written.
    /// </summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class GetScorecardSvgValidator : Validator<GetScorecardSvgRequest>
{
    public GetScorecardSvgValidator()
    {
        RuleFor(r => r.Theme).Must(t => string.IsNullOrEmpty(t) || t is ReaderLayout.Light or ReaderLayout.Dark)
            .WithMessage("theme must be light or dark.");
        RuleFor(r => r.Lang).MustBeLanguageTag();
    }
}

public sealed class GetScorecardSvgEndpoint(TimelineDbContext db, TimeProvider clock) : Endpoint<GetScorecardSvgRequest>
{
    public const string ContentType = PageLinks.ScorecardSvgMediaType + "; charset=utf-8";

    public override void Configure()
    {
        Get("/timelines/{slug}/scorecard.svg");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.WithName("getScorecardSvg")
            .Produces<string>(StatusCodes.Status200OK, PageLinks.ScorecardSvgMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AutoTagOverride(PageEndpoints.Tag));
        Summary(s =>
        {
            s.Summary = "A timeline's status picture (SVG)";
            s.Description = "A shareable 600×315 SVG document for an `<img>`: the timeline's title, the headline (\"2 of 15 commitments "
                + "materialised\"), the day it counts on, the stacked status bar and its legend, counted exactly as "
                + "`/api/v1/timelines/{slug}/scorecard` (`asOf` supported). It has a `<title>` and `<desc>` for screen readers, loads "
                + "and runs nothing, and takes `theme=light|dark`.";
        });
    }

    public override async Task HandleAsync(GetScorecardSvgRequest req, CancellationToken ct)
    {
        var timeline = await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var asOf = req.AsOf;
        var statuses = await db.Commitments.AsNoTracking().InTimeline(req.Slug)
            .WithStatusAsOf(DateQuery.AsOf(asOf))
            .OrderBy(r => r.Commitment.Id)
            .Select(r => r.Status)
            .ToListAsync(ct);
        var context = new ReaderContext(HttpContext.Request, clock, timeline.Language);
        // The title in the language asked for where translated (it is read with the timeline's row), marked with its own.
        var title = ContentTexts.For(HttpContext.Request, timeline.Language).Add(timeline).Choose(ContentTexts.Timeline, timeline.Slug, "title", timeline.Title);
        var svg = ScorecardSvg.Render(context.Text, title.Text!, title.Language!, statuses, asOf is null ? null : DateQuery.AsOf(asOf), context.Today, req.Theme == ReaderLayout.Dark);
        EmbedSecurity.ApplyToImage(HttpContext.Response);
        context.Announce(HttpContext.Response);
        await Send.BytesAsync(svg, contentType: ContentType, cancellation: ct);
    }
}
