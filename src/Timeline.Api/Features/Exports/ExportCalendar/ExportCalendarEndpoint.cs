using EventStatus = Timeline.Api.Domain.EventStatus;
using FastEndpoints;
using FluentValidation;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;
using VEventStatus = Ical.Net.EventStatus;

namespace Timeline.Api.Features.Exports.ExportCalendar;

public sealed class ExportCalendarRequest
{
    public string Slug { get; set; } = "";

    /// <summary>
    /// The language of the words the calendar adds around stored texts: <c>be</c>, <c>ru</c> or <c>en</c> (a BCP 47 tag); beats
    /// <c>Accept-Language</c>; otherwise the timeline's language, else English. <c>Content-Language</c> says which was used.
    /// Stored texts are in this language (else <c>Accept-Language</c>'s) where translated, else in the record's original, else English.
    /// </summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class ExportCalendarValidator : Validator<ExportCalendarRequest>
{
    public ExportCalendarValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class ExportCalendarEndpoint(TimelineDbContext db, IFullTextSearch search, TimeProvider clock) : Endpoint<ExportCalendarRequest>
{
    public const string ContentType = OutputMediaTypes.Calendar + "; charset=utf-8";

    public override void Configure()
    {
        Get("/timelines/{slug}/calendar.ics");
        AllowAnonymous();
        Description(d => d.WithName("exportTimelineCalendar").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Calendar)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Subscribe to a timeline as iCalendar";
            s.Description = "An RFC 5545 calendar: one all-day VEVENT per event (UID stable across exports; STATUS CONFIRMED for occurred, "
                + "TENTATIVE for planned, CANCELLED for cancelled or postponed), one per commitment due date, and one per dated action of the timeline's treaties (CATEGORIES treaty-action and its kind, "
                + "its sources in the description, URL its first source). An event known only to the "
                + "month or year spans that whole month or year, says so in its title and description, is TRANSPARENT (not busy) and "
                + "carries its EDTF date in X-TIMELINE-DATE. Each VEVENT's URL is the event's (or commitment's) public page. The words the "
                + "calendar adds (status notes, date qualifiers, \"Due:\") are in the interface language chosen by `lang` or `Accept-Language` "
                + "(`Content-Language`). Stored texts (titles, summaries, places, notes) are in the language asked for where translated, else in "
                + "the record's original, else English; every SUMMARY, DESCRIPTION and LOCATION has a LANGUAGE parameter: the language of the "
                + "stored text it holds (a translation's or the original's), the interface language for a text made only of our words.";
        });
    }

    public override async Task HandleAsync(ExportCalendarRequest req, CancellationToken ct)
    {
        var timeline = await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        // The timeline's events in date order, a keyset page at a time; each page's fields by primary key.
        var events = new List<EventEntry>();
        await foreach (var rows in EventList.WalkAsync(db, search, new EventPageFilter([timeline.Id], []), descending: false, 500, ct))
        {
            var ids = rows.Select(r => r.Id).ToList();
            var page = await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id))
                .Select(e => new EventEntry(e.Id, e.Slug, e.Title, e.Summary, e.DateText, e.Status, e.Place, e.Note, e.UpdatedAt))
                .ToDictionaryAsync(e => e.Id, ct);
            events.AddRange(ids.Where(page.ContainsKey).Select(id => page[id]));
        }

        var dues = await db.Commitments.AsNoTracking().InTimeline(req.Slug)
            .Where(c => c.DueText != null)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Slug, c.Title, c.DueText, c.UpdatedAt })
            .ToListAsync(ct);

        // The stored texts in the language asked for: the timeline's (read with its row), and for a request that asks for one
        // the events' and the commitments' by key.
        var keys = new ContentKeys();
        keys.Events.UnionWith(events.Select(e => e.Slug));
        keys.Commitments.UnionWith(dues.Select(c => c.Slug));
        var stored = await ContentTexts.For(HttpContext.Request, timeline.Language).Add(timeline).LoadAsync(db, keys, ct);

        var text = ReaderText.For(HttpContext.Request, timeline.Language);
        var words = new CalendarWords(text, timeline.Language);
        var calendar = new Calendar { ProductId = "-//Timeline//Timeline API//EN" };
        var calendarName = stored.Required(ContentTexts.Timeline, timeline.Slug, "title", timeline.Title);
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-CALDESC", stored.Text(ContentTexts.Timeline, timeline.Slug, "description", timeline.Description) ?? calendarName);

        foreach (var e in events)
        {
            var date = EdtfDate.Parse(e.DateText);
            var title = stored.Choose(ContentTexts.Event, e.Slug, "title", e.Title);
            var vevent = AllDay(words, $"event-{e.Slug}@timeline", date, title.Text!, title.Language, e.UpdatedAt);
            if (vevent is null)
                continue;
            vevent.Status = e.Status switch
            {
                EventStatus.Occurred => VEventStatus.Confirmed,
                EventStatus.Planned => VEventStatus.Tentative,
                _ => VEventStatus.Cancelled,
            };
            var place = stored.Choose(ContentTexts.Event, e.Slug, "place", e.Place);
            vevent.Location = place.Text;
            if (place.Text is not null)
                Mark(vevent, "LOCATION", place.Language ?? words.ContentLanguage);
            vevent.Url = new Uri(PublicUrls.EventPage(HttpContext.Request, e.Slug));
            vevent.Categories.Add(Kebab.ToValue(e.Status));
            var summary = stored.Choose(ContentTexts.Event, e.Slug, "summary", e.Summary);
            var note = stored.Choose(ContentTexts.Event, e.Slug, "note", e.Note);
            vevent.Description = Describe(text, date, [summary.Text, StatusNote(text, EventOutcomes.Of(e.Status, date, clock.Today())), note.Text]);
            // A description with a stored summary or note is in that text's language (the summary's first); one of only our
            // notes is the interface's.
            var stated = summary.Text is not null ? summary : note;
            Mark(vevent, "DESCRIPTION", stated.Text is null ? text.Language : stated.Language ?? words.ContentLanguage);
            calendar.Events.Add(vevent);
        }

        foreach (var c in dues)
        {
            var date = EdtfDate.Parse(c.DueText!);
            var title = stored.Choose(ContentTexts.Commitment, c.Slug, "title", c.Title);
            var vevent = AllDay(words, $"commitment-due-{c.Slug}@timeline", date, text.Format("Calendar.Due", title.Text), title.Language, c.UpdatedAt);
            if (vevent is null)
                continue;
            vevent.Url = new Uri(PublicUrls.CommitmentPage(HttpContext.Request, c.Slug));
            vevent.Categories.Add("commitment-due");
            vevent.Description = Describe(text, date, [text.Format("Calendar.DueDescription", title.Text)]);
            Mark(vevent, "DESCRIPTION", text.Language);
            calendar.Events.Add(vevent);
        }

        // Each dated treaty action is a day of its own: who did what to which treaty, with its sources in the description.
        foreach (var treaty in await ReaderData.TreatiesAsync(db, req.Slug, ct))
        {
            foreach (var action in treaty.Actions.Where(a => a.RetractedAt is null).OrderBy(a => a.DateEnd).ThenBy(a => a.Id))
            {
                var date = EdtfDate.Parse(action.DateText);
                var kind = text[$"TreatyAction.{Kebab.ToValue(action.Kind)}"];
                var name = treaty.ShortTitle ?? treaty.Title;
                var title = action.Party is { } party
                    ? text.Format("TimelineJs.PartyAction", name, stored.Choose("name", party.Name, party.Language, party.Translations).Text, kind)
                    : text.Format("TimelineJs.TreatyAction", name, kind);
                var vevent = AllDay(words, $"treaty-action-{action.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}@timeline", date, title, null, treaty.UpdatedAt);
                if (vevent is null)
                    continue;
                vevent.Status = VEventStatus.Confirmed;
                vevent.Categories.Add("treaty-action");
                vevent.Categories.Add(Kebab.ToValue(action.Kind));
                vevent.Description = Describe(text, date, [treaty.Title, action.Body, action.Note, .. action.Sources.OrderBy(s => s.Url, StringComparer.Ordinal).Select(s => s.Url)]);
                Mark(vevent, "DESCRIPTION", words.ContentLanguage);
                if (action.Sources.Count > 0)
                    vevent.Url = new Uri(action.Sources.OrderBy(s => s.Url, StringComparer.Ordinal).First().Url);
                calendar.Events.Add(vevent);
            }
        }

        var ics = new CalendarSerializer().SerializeToString(calendar) ?? "";
        InterfaceLanguages.Announce(HttpContext.Response, InterfaceLanguages.Negotiate(HttpContext.Request), text.Language);
        await Send.StringAsync(ics, StatusCodes.Status200OK, ContentType, ct);
    }

    /// <summary>
    /// An all-day VEVENT over every day the date may denote (DTEND is exclusive in RFC 5545). DTSTAMP is the
    /// record's last change rather than "now", so an unchanged timeline exports byte-identical and keeps its ETag.
    /// Dates with an open end cannot be placed on a calendar and are left out.
    /// </summary>
    /// <summary>The interface words of a calendar, and the language its stored texts are written in.</summary>
    private sealed record CalendarWords(ReaderText Text, string ContentLanguage);

    /// <summary>The LANGUAGE parameter of a text property (RFC 5545 §3.2.10).</summary>
    private static void Mark(CalendarEvent vevent, string property, string language)
    {
        if (vevent.Properties[property] is { } text)
            text.Parameters.Set("LANGUAGE", language);
    }

    private static CalendarEvent? AllDay(
        CalendarWords words, string uid, EdtfDate date, string title, string? titleLanguage /* the stored title's; null: the timeline's */, DateTimeOffset updatedAt)
    {
        if (date.Start == DateOnly.MinValue || date.End == DateOnly.MaxValue)
            return null;
        var vevent = new CalendarEvent
        {
            Uid = uid,
            Summary = date.Precision == DatePrecision.Day && !date.Approximate && !date.Uncertain ? title : $"{title} ({Qualify(words.Text, date)})",
            DtStart = new CalDateTime(date.Start),
            DtEnd = new CalDateTime(date.End.AddDays(1)),
            DtStamp = new CalDateTime(updatedAt.UtcDateTime, "UTC", hasTime: true),
            LastModified = new CalDateTime(updatedAt.UtcDateTime, "UTC", hasTime: true),
            // A month- or year-long span is "sometime in", not "all of": it must not block anyone's calendar.
            Transparency = date.Precision == DatePrecision.Day ? TransparencyType.Opaque : TransparencyType.Transparent,
        };
        // A title is a stored text, whatever qualifier or "Due:" frames it: in its own language (a translation's, or the original's).
        Mark(vevent, "SUMMARY", titleLanguage ?? words.ContentLanguage);
        vevent.AddProperty("X-TIMELINE-DATE", date.Text);
        vevent.AddProperty("X-TIMELINE-PRECISION", Kebab.ToValue(date.Precision));
        return vevent;
    }

    private static string Qualify(ReaderText text, EdtfDate date)
    {
        var precision = date.Precision switch
        {
            DatePrecision.Day => null,
            DatePrecision.Month => text["Calendar.Month"],
            DatePrecision.Year => text["Calendar.Year"],
            _ => text["Calendar.Rough"],
        };
        var qualifiers = new[] { precision, date.Approximate ? text["Calendar.Approximate"] : null, date.Uncertain ? text["Calendar.Uncertain"] : null };
        return text.List(qualifiers.OfType<string>());
    }

    private static string? StatusNote(ReaderText text, EventOutcome outcome) => outcome switch
    {
        EventOutcome.NeverHeld => text["Calendar.NeverHeld"],
        EventOutcome.Planned => text["Calendar.Planned"],
        EventOutcome.Cancelled => text["Calendar.Cancelled"],
        EventOutcome.Postponed => text["Calendar.Postponed"],
        _ => null,
    };

    private sealed record EventEntry(
        long Id, string Slug, string Title, string? Summary, string DateText, EventStatus Status, string? Place, string? Note, DateTimeOffset UpdatedAt);

    private static string Describe(ReaderText text, EdtfDate date, IEnumerable<string?> parts) =>
        string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Append(text.Format("Calendar.Edtf", date.Text)));
}
