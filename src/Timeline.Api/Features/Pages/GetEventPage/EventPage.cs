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
        var title = context.Stored(ContentTexts.Event, e.Slug, "title", e.Title);
        var summary = context.Stored(ContentTexts.Event, e.Slug, "summary", e.Summary);
        var description = summary.Text ?? $"{t.Date(date)} · {t.Kind(e.Kind)}";
        var jsonLd = ReaderJsonLd.Event(context, e, date, e.Sources);
        jsonLd["@context"] = ReaderJsonLd.Context;
        var home = timelines.Count > 0 ? timelines[0] : null;
        var homeTitle = home is null ? default : context.Stored(ContentTexts.Timeline, home.Slug, "title", home.Title);
        var html = new HtmlWriter();
        ReaderPage.Begin(html, context, new PageHead(
            t.Format("Page.Title", title.Text),
            description,
            canonical,
            "article",
            jsonLd,
            [
                new AlternateLink(OutputMediaTypes.Json, context.Absolute(PageLinks.EventJson(e.Slug)), title.Text!),
                .. home is null ? [] : PageLinks.TimelineFeeds(context, home.Slug, homeTitle.Text!),
            ]),
            theme,
            [.. home is null ? [] : new[] { new Crumb(homeTitle.Text!, context.TimelinePage(home.Slug), IsContent: true, homeTitle.Language) }, new Crumb(t["Page.Event"], null)]);

        html.Append($"<h1{context.LangOf(title)}>{title.Text}</h1>\n");
        if (ReaderMarkup.BadgeKey(e.Status, date, context.Today) is not null)
        {
            html.Append($"<p>");
            ReaderMarkup.Badge(html, context, e.Status, date);
            html.Append($"</p>\n");
        }

        html.Append($"<dl class=\"tl-facts\">\n<dt>{t["Event.Date"]}</dt><dd>");
        ReaderMarkup.Time(html, context, date);
        html.Append($"</dd>\n<dt>{t["Event.Kind"]}</dt><dd>{t.Kind(e.Kind)}</dd>\n");
        if (context.Stored(ContentTexts.Event, e.Slug, "place", e.Place) is { Text: not null } place)
            html.Append($"<dt>{t["Event.Place"]}</dt><dd{context.LangOf(place)}>{place.Text}</dd>\n");
        if (e.Actors.Count > 0)
        {
            // Names in the interface's words ("X (participant)"): a name in another language is marked where it stands.
            html.Append($"<dt>{t["Event.Actors"]}</dt><dd>");
            var pattern = t["Actor.WithRole"].Split("{0}", 2);
            for (var i = 0; i < e.Actors.Count; i++)
            {
                var actor = e.Actors[i];
                var name = context.Stored(ContentTexts.Actor, actor.Slug, "name", actor.Name);
                var role = string.Format(t.Culture, pattern[^1], null, t.Role(actor.Role));
                var nameLang = context.Texts.Chooses ? context.LangOf(name) : Markup.Empty;
                html.Append($"{(i == 0 ? "" : t["List.Separator"])}{string.Format(t.Culture, pattern[0], null, null)}");
                if (nameLang == Markup.Empty)
                    html.Append($"{name.Text}");
                else
                    html.Append($"<span{nameLang}>{name.Text}</span>");
                html.Append($"{role}");
            }

            html.Append($"</dd>\n");
        }

        if (e.Confidence is { } confidence)
            html.Append($"<dt>{t["Event.Confidence"]}</dt><dd>{t.Confidence(confidence)}</dd>\n");
        html.Append($"</dl>\n");
        if (summary.Text is not null)
            html.Append($"<p{context.LangOf(summary)}>{summary.Text}</p>\n");
        if (context.Stored(ContentTexts.Event, e.Slug, "note", e.Note) is { Text: not null } note)
            html.Append($"<p class=\"tl-note\"{context.LangOf(note)}>{note.Text}</p>\n");

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
                    var words = context.Stored(ContentTexts.Quote, quote.Slug, "text", quote.Text);
                    html.Append($"<figure class=\"tl-quote\"><blockquote{context.LangOf(words)}><p>{words.Text}</p></blockquote>\n<figcaption>");
                    var when = quote.DateText is not null && EdtfDate.TryParse(quote.DateText, out EdtfDate? said, out string? _) ? t.Date(said) : null;
                    var speaker = context.Stored(ContentTexts.Actor, quote.SpeakerSlug, "name", quote.Speaker).Text;
                    html.Append($"{(when is null ? speaker : t.Format("Quote.Attribution", speaker, when))}</figcaption>\n");
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
                    var otherTitle = context.Stored(ContentTexts.Event, other.Slug, "title", other.Title);
                    html.Append($"<li>{t.Relation(related.Relation, related.Direction == "incoming")}: <a href=\"{context.EventPage(other.Slug)}\"{context.LangOf(otherTitle)}>{otherTitle.Text}</a>, ");
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
                {
                    var name = context.Stored(ContentTexts.Timeline, timeline.Slug, "title", timeline.Title);
                    html.Append($"<li><a href=\"{context.TimelinePage(timeline.Slug)}\"{context.LangOf(name)}>{name.Text}</a></li>\n");
                }
                html.Append($"</ul>\n");
            });
        }

        var json = PageLinks.EventJson(e.Slug);
        DataGroup self = new(t["Data.ThisEvent"],
        [
            new(t["Data.Json"], context.Link(json), OutputMediaTypes.Json),
            new(t["Data.Changes"], context.Link($"{json}/changes"), OutputMediaTypes.Json),
        ]);
        ReaderPage.End(html, context, [self, .. timelines.Select(tl => PageLinks.Timeline(context, tl.Slug, t.Format("Data.TimelineNamed", context.Stored(ContentTexts.Timeline, tl.Slug, "title", tl.Title).Text), null))]);
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
            {
                var title = context.Stored(ContentTexts.Commitment, commitment.Slug, "title", commitment.Title);
                html.Append($"<li><a href=\"{context.CommitmentPage(commitment.Slug)}\"{context.LangOf(title)}>{title.Text}</a></li>\n");
            }

            html.Append($"</ul>\n");
        });
    }
}
