using FastEndpoints.Swagger;
using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Embed;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Features.Events;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages.GetEventPage;

public sealed class GetEventPageRequest : PageRequest;

public sealed class GetEventPageValidator : PageValidator<GetEventPageRequest>;

public sealed class GetEventPageEndpoint(TimelineDbContext db, TimeProvider clock) : Endpoint<GetEventPageRequest>
{
    public override void Configure()
    {
        Get("/events/{slug}");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.WithName("getEventPage")
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Html)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AutoTagOverride(PageEndpoints.Tag));
        Summary(s =>
        {
            s.Summary = "An event's public page";
            s.Description = "The permalink page of an event (HTML): date, status (an event announced and never held, cancelled or postponed "
                + "says so), who took part, its sources, the commitments made or moved in it, quotes with their sources, related events, "
                + "and links to the same data. Canonical URL, Open Graph and Twitter card tags, schema.org Event JSON-LD. The JSON of the "
                + "same event is `/api/v1/events/{slug}`.";
        });
    }

    public override async Task HandleAsync(GetEventPageRequest req, CancellationToken ct)
    {
        var loaded = await EventDetails.LoadAsync(db, req.Slug, ct);
        if (loaded?.Response is not { } e)
        {
            await Send.ResultAsync(Problems.NotFound("event", req.Slug));
            return;
        }

        var quotes = await ReaderPageData.QuotesOfEventAsync(db, req.Slug, ct);
        var timelines = await ReaderPageData.TimelinesAsync(db, e.Timelines, ct);
        var context = new ReaderContext(HttpContext.Request, clock, timelines.FirstOrDefault()?.Language);
        var texts = ContentTexts.For(HttpContext.Request, context.ContentLanguage);
        if (texts.Chooses)
        {
            // The event and its actors came with their translations; the rest the page shows is read by key: related events,
            // the commitments made or moved in it, its quotes and their speakers. Its timelines' headers carry their own.
            texts.Add(ContentTexts.Event, loaded.Event.Slug, loaded.Event.Language, loaded.Event.Translations);
            foreach (var actor in loaded.Event.Actors.Select(a => a.Actor!))
                texts.Add(ContentTexts.Actor, actor.Slug, actor.Language, actor.Translations);
            var keys = new ContentKeys();
            keys.Events.UnionWith(e.Related.Select(r => r.Event.Slug));
            keys.Commitments.UnionWith(e.Commitments.Concat(e.Assessed).Select(c => c.Slug));
            keys.Quotes.UnionWith(quotes.Select(q => q.Slug));
            keys.Actors.UnionWith(quotes.Select(q => q.SpeakerSlug));
            foreach (var timeline in timelines)
                texts.Add(timeline);
            context.Texts = await texts.LoadAsync(db, keys, ct);
        }

        var html = EventPage.Render(context, e, quotes, timelines, req.ThemeOrDefault);
        EmbedSecurity.ApplyToPage(HttpContext.Response);
        context.Announce(HttpContext.Response);
        await Send.StringAsync(html, StatusCodes.Status200OK, PageEndpoints.ContentType, ct);
    }
}
