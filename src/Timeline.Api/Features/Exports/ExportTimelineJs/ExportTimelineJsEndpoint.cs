using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Exports.ExportTimelineJs;

public sealed class ExportTimelineJsRequest
{
    public string Slug { get; set; } = "";

    /// <summary>
    /// The language of the words the export adds (status notes, "Place:", dates written out, group names): <c>be</c>, <c>ru</c>
    /// or <c>en</c> (a BCP 47 tag); beats <c>Accept-Language</c>; otherwise the timeline's language, else English. The document's
    /// <c>language</c> names it, for TimelineJS's option of that name. Stored texts (titles, summaries, places, notes) are in this
    /// language (else <c>Accept-Language</c>'s) where translated, else in the record's original, else English.
    /// </summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class ExportTimelineJsValidator : Validator<ExportTimelineJsRequest>
{
    public ExportTimelineJsValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class ExportTimelineJsEndpoint(TimelineDbContext db, IFullTextSearch search, TimeProvider clock) : Endpoint<ExportTimelineJsRequest, TimelineJsResponse>
{
    public override void Configure()
    {
        Get("/timelines/{slug}/timelinejs");
        AllowAnonymous();
        Description(d => d.WithName("exportTimelineJs").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Export a timeline for TimelineJS";
            s.Description = "The timeline as a Knight Lab TimelineJS3 document: a title slide, one slide per event in date order (date parts only "
                + "to the precision known, `display_date` for approximate or uncertain dates, the event kind as `group`, the slug as `unique_id`), "
                + "and eras for events lasting more than a month; each dated action of the timeline's treaties is a slide too, in a `treaty actions` group, with its sources. Each event slide's text ends with a link to the event's public page (its sources "
                + "and details). Headlines and texts are HTML with every stored value encoded. The words the export adds are in the interface "
                + "language chosen by `lang` or `Accept-Language` (`Content-Language`), which `language` names: pass it on as TimelineJS's "
                + "option, `new TL.Timeline(element, document, { language: document.language })`, so that its own controls match. Stored texts "
                + "(the timeline's title and description, events' titles, summaries, places and notes, treaty parties' names) are in the language "
                + "asked for where translated, else in the record's original, else English.";
        });
    }

    public override async Task HandleAsync(ExportTimelineJsRequest req, CancellationToken ct)
    {
        var timeline = await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var text = ReaderText.For(HttpContext.Request, timeline.Language);
        var events = await TimelineDocuments.TimelineEventsAsync(db, search, timeline.Id, from: null, to: null, tag: null, ct);
        var today = clock.Today();
        var treaties = await ReaderData.TreatiesAsync(db, req.Slug, ct);
        // Stored texts in the language asked for (TimelineJS's `language` stays the interface's: it names its controls' words).
        var keys = new ContentKeys();
        keys.Events.UnionWith(events.Select(e => e.Slug));
        var stored = await ContentTexts.For(HttpContext.Request, timeline.Language).Add(timeline).LoadAsync(db, keys, ct);
        var dated = events.Select(e => (Event: e, Date: EdtfDate.Parse(e.Date.Edtf)))
            .Where(x => x.Date.Start != DateOnly.MinValue || x.Date.End != DateOnly.MaxValue)
            .ToList();
        InterfaceLanguages.Announce(HttpContext.Response, InterfaceLanguages.Negotiate(HttpContext.Request), text.Language);
        await Send.OkAsync(new TimelineJsResponse
        {
            Language = text.Language,
            Title = new TimelineJsSlide
            {
                Text = new TimelineJsText
                {
                    Headline = Html(stored.Required(ContentTexts.Timeline, timeline.Slug, "title", timeline.Title)),
                    Text = Paragraph(stored.Text(ContentTexts.Timeline, timeline.Slug, "description", timeline.Description)),
                },
            },
            Events = [.. dated.Select(x => ToSlide(text, stored, x.Event, x.Date, today, PublicUrls.EventPage(HttpContext.Request, x.Event.Slug))),
                .. treaties.SelectMany(t => t.Actions.Where(a => a.RetractedAt is null).OrderBy(a => a.DateEnd).ThenBy(a => a.Id)
                    .Select(a => ActionSlide(text, stored, t, a)))],
            Eras = [.. dated.Where(x => IsPeriod(x.Date)).Select(x => new TimelineJsEra
            {
                StartDate = DatePart(x.Date.Start, DatePrecision.Day, null),
                EndDate = DatePart(x.Date.End, DatePrecision.Day, null),
                Text = new TimelineJsText { Headline = Html(stored.Required(ContentTexts.Event, x.Event.Slug, "title", x.Event.Title)), Text = "" },
            })],
        }, ct);
    }

    private static bool IsPeriod(EdtfDate date) =>
        date.IsInterval && date.Start != DateOnly.MinValue && date.End != DateOnly.MaxValue && date.End.DayNumber - date.Start.DayNumber > 31;

    private static TimelineJsSlide ToSlide(ReaderText text, ContentTexts stored, EventSummaryResponse e, EdtfDate date, DateOnly today, string page)
    {
        var display = DisplayDate(text, date);
        // An open start is shown at its known end, an open end at its known start.
        var start = date.Start == DateOnly.MinValue ? date.End : date.Start;
        var hasEnd = date.IsInterval && date.Start != DateOnly.MinValue && date.End != DateOnly.MaxValue && date.End != date.Start;
        return new TimelineJsSlide
        {
            StartDate = DatePart(start, date.Precision, display),
            EndDate = hasEnd ? DatePart(date.End, date.Precision, null) : null,
            DisplayDate = display,
            Text = new TimelineJsText
            {
                Headline = Html(stored.Required(ContentTexts.Event, e.Slug, "title", e.Title)),
                Text = SlideText(text, stored, e, EventOutcomes.Of(e.Status, date, today), page),
            },
            Group = text.Kind(e.Kind),
            UniqueId = e.Slug,
        };
    }

    /// <summary>A treaty action as a slide of its own, in the "treaty actions" group: who did what to which treaty, with its sources.</summary>
    private static TimelineJsSlide ActionSlide(ReaderText text, ContentTexts stored, Treaty treaty, TreatyAction action)
    {
        var date = EdtfDate.Parse(action.DateText);
        var display = DisplayDate(text, date);
        var hasEnd = date.IsInterval && date.End != date.Start;
        var kind = text[$"TreatyAction.{Kebab.ToValue(action.Kind)}"];
        var name = treaty.ShortTitle ?? treaty.Title;
        var headline = action.Party is { } party
            ? text.Format("TimelineJs.PartyAction", name, stored.Choose("name", party.Name, party.Language, party.Translations).Text, kind)
            : text.Format("TimelineJs.TreatyAction", name, kind);
        var parts = new List<string> { Paragraph(treaty.Title) };
        if (action.Body is not null)
            parts.Add(Paragraph(action.Body));
        if (action.Note is not null)
            parts.Add($"<p><em>{Html(action.Note)}</em></p>");
        parts.AddRange(action.Sources.OrderBy(s => s.Url, StringComparer.Ordinal)
            .Select(s => $"<p><a href=\"{Html(s.Url)}\">{Html(s.Title ?? s.Publisher ?? s.Url)}</a></p>"));
        return new TimelineJsSlide
        {
            StartDate = DatePart(date.Start, date.Precision, display),
            EndDate = hasEnd ? DatePart(date.End, date.Precision, null) : null,
            DisplayDate = display,
            Text = new TimelineJsText { Headline = Html(headline), Text = string.Concat(parts) },
            Group = text["TimelineJs.TreatyActions"],
            UniqueId = $"treaty-{treaty.Slug}-action-{action.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        };
    }

    private static TimelineJsDate DatePart(DateOnly day, DatePrecision precision, string? display) => new()
    {
        Year = day.Year,
        Month = precision <= DatePrecision.Month ? day.Month : null,
        Day = precision == DatePrecision.Day ? day.Day : null,
        DisplayDate = display,
    };

    /// <summary>Written out only when the date is not exact: TimelineJS would otherwise show "2003-04~" as plain April 2003.</summary>
    private static string? DisplayDate(ReaderText text, EdtfDate date) => HumanDate.IsExact(date) ? null : text.Date(date);

    private static string SlideText(ReaderText text, ContentTexts stored, EventSummaryResponse e, EventOutcome outcome, string page)
    {
        var status = outcome switch
        {
            EventOutcome.NeverHeld => text["Badge.never-held"],
            EventOutcome.Planned => text["Badge.planned"],
            EventOutcome.Cancelled => text["Badge.cancelled"],
            EventOutcome.Postponed => text["Badge.postponed"],
            _ => null,
        };
        var parts = new List<string>();
        if (status is not null)
            parts.Add($"<p><strong>{Html(status)}</strong></p>");
        parts.Add(Paragraph(stored.Text(ContentTexts.Event, e.Slug, "summary", e.Summary)));
        if (stored.Text(ContentTexts.Event, e.Slug, "place", e.Place) is { } place)
            parts.Add($"<p>{Html(text.Format("TimelineJs.Place", place))}</p>");
        if (stored.Text(ContentTexts.Event, e.Slug, "note", e.Note) is { } note)
            parts.Add($"<p><em>{Html(note)}</em></p>");
        parts.Add($"<p><a href=\"{Html(page)}\">{Html(text["TimelineJs.Details"])}</a></p>");
        return string.Concat(parts);
    }

    private static string Paragraph(string? text) => string.IsNullOrEmpty(text) ? "" : $"<p>{Html(text)}</p>";

    private static string Html(string text) => HtmlText.Encode(text);
}
