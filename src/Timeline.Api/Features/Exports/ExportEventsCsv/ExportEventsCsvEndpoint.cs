using System.Globalization;
using FastEndpoints;
using Timeline.Api.Data.Search;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Exports.ExportEventsCsv;

public sealed class ExportEventsCsvRequest : EventFilterRequest
{
    public string Slug { get; set; } = "";

    /// <summary>
    /// The language of the events' texts and actors' names (BCP 47); without it, <c>Accept-Language</c> decides. A text not
    /// available in it is in the record's original language, else English (a CSV has no room to say which; <c>Content-Language</c>
    /// names the first title's).
    /// </summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class ExportEventsCsvValidator : EventFilterValidator<ExportEventsCsvRequest>
{
    public ExportEventsCsvValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class ExportEventsCsvEndpoint(TimelineDbContext db, IFullTextSearch search) : Endpoint<ExportEventsCsvRequest>
{
    public static readonly string[] Header =
    [
        "slug", "date", "start", "end", "precision", "approximate", "uncertain", "title", "summary", "kind", "status",
        "place", "confidence", "note", "tags", "actors", "timelines",
    ];

    public override void Configure()
    {
        Get("/timelines/{slug}/events.csv");
        AllowAnonymous();
        Description(d => d.WithName("exportTimelineEventsCsv").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Csv)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Export a timeline's events as CSV";
            s.Description = "Every matching event in date order as RFC 4180 CSV (UTF-8, header row), with the same filters as the JSON list "
                + "and no paging. Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe. "
                + "Lists (tags, actors, timelines) are separated by \"; \". Titles, summaries, places, notes and actors' names are in the "
                + "language asked for (`lang`, else `Accept-Language`) where translated, else in the record's original, else English; a "
                + "CSV has no room to say which, so `Content-Language` names the first title's.";
        });
    }

    public override async Task HandleAsync(ExportEventsCsvRequest req, CancellationToken ct)
    {
        if (await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct) is not { } timeline)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var filter = await EventList.ResolveAsync(db, search, new EventScope(TimelineId: timeline.Id), req, limit: 500, ct);
        var events = filter is null ? [] : await EventList.AllAsync(db, search, filter, req.Sort == "-date", ct);
        // Cells in the language asked for where translated: the events' and their actors' translations read by key.
        var keys = new ContentKeys();
        foreach (var e in events)
            keys.Event(e);
        var stored = await ContentTexts.For(HttpContext.Request, timeline.Language).LoadAsync(db, keys, ct);
        var csv = CsvExport.Write(Header, events.Select(e => new[]
        {
            e.Slug,
            e.Date.Edtf,
            e.Date.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.Date.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Kebab.ToValue(e.Date.Precision),
            e.Date.Approximate ? "true" : "false",
            e.Date.Uncertain ? "true" : "false",
            stored.Required(ContentTexts.Event, e.Slug, "title", e.Title),
            stored.Text(ContentTexts.Event, e.Slug, "summary", e.Summary),
            Kebab.ToValue(e.Kind),
            Kebab.ToValue(e.Status),
            stored.Text(ContentTexts.Event, e.Slug, "place", e.Place),
            e.Confidence is { } confidence ? Kebab.ToValue(confidence) : null,
            stored.Text(ContentTexts.Event, e.Slug, "note", e.Note),
            string.Join("; ", e.Tags),
            string.Join("; ", e.Actors.Select(a => $"{stored.Required(ContentTexts.Actor, a.Slug, "name", a.Name)} ({Kebab.ToValue(a.Role)})")),
            string.Join("; ", e.Timelines),
        }).ToList());
        stored.Announce(HttpContext.Response);
        await Send.BytesAsync(csv, $"{req.Slug}-events.csv", CsvExport.ContentType, cancellation: ct);
    }
}
