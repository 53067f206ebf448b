using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages.GetEventPage;

/// <summary>An event's permalink page.</summary>
public static class EventPage
{
    public static string Render(ReaderContext context, EventResponse e, IReadOnlyList<ReaderQuote> quotes, IReadOnlyList<TimelineHeader> timelines, string theme)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(timelines);
        var t = context.Text;
        var date = EdtfDate.Parse(e.Date.Edtf);
        var canonical = context.Absolute(ReaderPaths.Event(e.Slug));
        var description = e.Summary ?? $"{t.Date(date)} · {t.Kind(e.Kind)}";
        var jsonLd = ReaderJsonLd.Event(context, e, date, e.Sources);
        jsonLd["@context"] = ReaderJsonLd.Context;
        var home = timelines.Count > 0 ? timelines[0] : null;
        var html = new HtmlWriter();
        ReaderPage.Begin(html, context, new PageHead(
            t.Format("Page.Title", e.Title),
            description,
            canonical,
            "article",
            jsonLd,
            [
                new AlternateLink(OutputMediaTypes.Json, context.Absolute(PageLinks.EventJson(e.Slug)), e.Title),
                .. home is null ? [] : PageLinks.TimelineFeeds(context, home.Slug, home.Title),
            ]),
            theme,
            [.. home is null ? [] : new[] { new Crumb(home.Title, context.TimelinePage(home.Slug), IsContent: true) }, new Crumb(t["Page.Event"], null)]);

        var lang = context.ContentLang;
        html.Append($"<h1{lang}>{e.Title}</h1>\n");
        if (ReaderMarkup.BadgeKey(e.Status, date, context.Today) is not null)
        {
            html.Append($"<p>");
            ReaderMarkup.Badge(html, context, e.Status, date);
            html.Append($"</p>\n");
        }

        html.Append($"<dl class=\"tl-facts\">\n<dt>{t["Event.Date"]}</dt><dd>");
        ReaderMarkup.Time(html, context, date);
        html.Append($"</dd>\n<dt>{t["Event.Kind"]}</dt><dd>{t.Kind(e.Kind)}</dd>\n");
        if (e.Place is not null)
            html.Append($"<dt>{t["Event.Place"]}</dt><dd{lang}>{e.Place}</dd>\n");
        if (e.Actors.Count > 0)
            html.Append($"<dt>{t["Event.Actors"]}</dt><dd>{t.List(e.Actors.Select(a => t.Format("Actor.WithRole", a.Name, t.Role(a.Role))))}</dd>\n");
        if (e.Confidence is { } confidence)
            html.Append($"<dt>{t["Event.Confidence"]}</dt><dd>{t.Confidence(confidence)}</dd>\n");
        html.Append($"</dl>\n");
        if (e.Summary is not null)
            html.Append($"<p{lang}>{e.Summary}</p>\n");
        if (e.Note is not null)
            html.Append($"<p class=\"tl-note\"{lang}>{e.Note}</p>\n");

        ReaderPage.Section(html, "tl-sources-title", t["Event.Sources"], () =>
        {
            if (e.Sources.Count == 0)
                html.Append($"<p class=\"tl-empty\">{t["Sources.None"]}</p>\n");
            ReaderMarkup.Sources(html, context, e.Sources);
        });
        CommitmentLinks(html, context, "tl-made-title", t["Event.CommitmentsMade"], e.Commitments);
        CommitmentLinks(html, context, "tl-moved-title", t["Event.CommitmentsAssessed"], e.Assessed);
        if (quotes.Count > 0)
        {
            ReaderPage.Section(html, "tl-quotes-title", t["Event.Quotes"], () =>
            {
                foreach (var quote in quotes)
                {
                    html.Append($"<figure class=\"tl-quote\"><blockquote{lang}><p>{quote.Text}</p></blockquote>\n<figcaption>");
                    var when = quote.DateText is not null && EdtfDate.TryParse(quote.DateText, out EdtfDate? said, out string? _) ? t.Date(said) : null;
                    html.Append($"{(when is null ? quote.Speaker : t.Format("Quote.Attribution", quote.Speaker, when))}</figcaption>\n");
                    ReaderMarkup.Sources(html, context, [quote.Source]);
                    html.Append($"</figure>\n");
                }
            });
        }

        if (e.Related.Count > 0)
        {
            ReaderPage.Section(html, "tl-related-title", t["Event.Related"], () =>
            {
                html.Append($"<ul class=\"tl-related\">\n");
                foreach (var related in e.Related)
                {
                    var other = related.Event;
                    var otherDate = EdtfDate.Parse(other.Date.Edtf);
                    html.Append($"<li>{t.Relation(related.Relation, related.Direction == "incoming")}: <a href=\"{context.EventPage(other.Slug)}\"{lang}>{other.Title}</a>, ");
                    ReaderMarkup.Time(html, context, otherDate);
                    if (ReaderMarkup.BadgeKey(other.Status, otherDate, context.Today) is not null)
                    {
                        html.Append($" ");
                        ReaderMarkup.Badge(html, context, other.Status, otherDate);
                    }

                    html.Append($"</li>\n");
                }

                html.Append($"</ul>\n");
            });
        }

        if (timelines.Count > 0)
        {
            ReaderPage.Section(html, "tl-timelines-title", t["Event.Timelines"], () =>
            {
                html.Append($"<ul class=\"tl-plain\">\n");
                foreach (var timeline in timelines)
                    html.Append($"<li><a href=\"{context.TimelinePage(timeline.Slug)}\"{context.ContentLang}>{timeline.Title}</a></li>\n");
                html.Append($"</ul>\n");
            });
        }

        var json = PageLinks.EventJson(e.Slug);
        DataGroup self = new(t["Data.ThisEvent"],
        [
            new(t["Data.Json"], context.Link(json), OutputMediaTypes.Json),
            new(t["Data.Changes"], context.Link($"{json}/changes"), OutputMediaTypes.Json),
        ]);
        ReaderPage.End(html, context, [self, .. timelines.Select(tl => PageLinks.Timeline(context, tl.Slug, t.Format("Data.TimelineNamed", tl.Title), null))]);
        return html.ToString();
    }

    private static void CommitmentLinks(HtmlWriter html, ReaderContext context, string id, string heading, IReadOnlyList<CommitmentRefResponse> commitments)
    {
        if (commitments.Count == 0)
            return;
        ReaderPage.Section(html, id, heading, () =>
        {
            html.Append($"<ul class=\"tl-plain\">\n");
            foreach (var commitment in commitments)
                html.Append($"<li><a href=\"{context.CommitmentPage(commitment.Slug)}\"{context.ContentLang}>{commitment.Title}</a></li>\n");
            html.Append($"</ul>\n");
        });
    }
}
