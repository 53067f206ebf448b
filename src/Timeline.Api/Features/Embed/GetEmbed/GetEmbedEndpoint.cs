using FastEndpoints;
using FastEndpoints.Swagger;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed.GetEmbed;

public sealed class GetEmbedEndpoint(TimelineDbContext db, IFullTextSearch search, TimeProvider clock) : Endpoint<GetEmbedRequest>
{
    public const string ContentType = OutputMediaTypes.Html + "; charset=utf-8";

    /// <summary>The options a widget URL may carry, in the order its links write them.</summary>
    public static IReadOnlyList<string> OptionNames { get; } = ["from", "to", "tag", "theme", "view", "start", "asOf", "lang"];

    public override void Configure()
    {
        Get("/embed/{slug}");
        RoutePrefixOverride(string.Empty);
        AllowAnonymous();
        Description(d => d.WithName("getEmbed").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Html)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AutoTagOverride("embed"));
        Summary(s =>
        {
            s.Summary = "Embeddable timeline widget";
            s.Description = "A self-contained HTML page for an iframe: the timeline's events in date order, each with its sources (events that "
                + "were announced and never held, cancelled or postponed are marked), a status bar of its commitments (SVG with a text "
                + "alternative) and each commitment's sourced history; `view=treaties` shows each treaty's parties × actions table (dates, bodies, "
                + "sources, each party's status and the treaty's force). `asOf` shows the statuses as recorded up to a date (the page's "
                + "as-of control does the same in place); `start` opens a short window of events at a date, an event or `latest`. "
                + "Inside an iframe it posts `{type: \"timeline-embed:height\", version: 1, height, slug}` to the parent page. It loads only "
                + "its own CSS and JS, sets no cookies, may be framed by any site (CSP frame-ancestors *), and carries schema.org "
                + "JSON-LD and an oEmbed discovery link.";
        });
    }

    public override async Task HandleAsync(GetEmbedRequest req, CancellationToken ct)
    {
        var timeline = await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var context = new ReaderContext(HttpContext.Request, clock, timeline.Language);
        var sections = EmbedViews.Parse(req.View);
        var filter = new EventFilter(DateQuery.StartOf(req.From), DateQuery.EndOf(req.To), Tag: Blank(req.Tag));
        var events = sections.HasFlag(EmbedView.Events) ? await ReaderData.EventsAsync(db, search, timeline, filter, ct) : [];
        var commitments = sections.HasFlag(EmbedView.Scorecard) ? await ReaderData.CommitmentsAsync(db, req.Slug, ct) : [];
        var treaties = sections.HasFlag(EmbedView.Treaties) ? await ReaderData.TreatiesAsync(db, req.Slug, ct) : [];
        await ReaderData.LoadTextsAsync(db, context, timeline, events, commitments, ct);

        int? startIndex = null;
        if (Blank(req.Start) is { } start && sections.HasFlag(EmbedView.Events))
        {
            startIndex = EmbedStart.IndexOf(events, start, context.Today);
            if (startIndex is null)
            {
                AddError(r => r.Start!, $"start '{start}' is neither a date nor an event shown in this widget.");
                await Send.ErrorsAsync(StatusCodes.Status400BadRequest, ct);
                return;
            }
        }

        var asOf = req.AsOf is null ? (DateOnly?)null : DateQuery.AsOf(req.AsOf);
        var html = EmbedPage.Render(context, new EmbedModel(
            timeline,
            events,
            commitments,
            treaties,
            sections,
            req.Theme ?? ReaderLayout.Light,
            asOf,
            startIndex,
            Options(req),
            PublicUrls.OEmbedFor(HttpContext.Request, PublicUrls.Embed(HttpContext.Request, req.Slug))));

        EmbedSecurity.Apply(HttpContext.Response);
        context.Announce(HttpContext.Response);
        await Send.StringAsync(html, StatusCodes.Status200OK, ContentType, ct);
    }

    /// <summary>The options the as-of form carries along (everything but asOf itself).</summary>
    private static List<KeyValuePair<string, string>> Options(GetEmbedRequest req)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["view"] = req.View, ["theme"] = req.Theme, ["from"] = req.From?.Text, ["to"] = req.To?.Text, ["tag"] = req.Tag, ["start"] = req.Start, ["lang"] = req.Lang,
        };
        return [.. OptionNames.Where(n => Blank(values.GetValueOrDefault(n)) is not null).Select(n => KeyValuePair.Create(n, values[n]!))];
    }

    /// <summary>An empty query value (a form's cleared field) means the option is not set.</summary>
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
