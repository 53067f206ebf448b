using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;

namespace Timeline.Api.Features.Embed.GetEmbed;

/// <summary>Everything the widget shows, already read and chosen.</summary>
public sealed record EmbedModel(
    TimelineHeader Timeline,
    IReadOnlyList<ReaderEvent> Events,
    IReadOnlyList<ReaderCommitment> Commitments,
    IReadOnlyList<Domain.Treaty> Treaties,
    EmbedView Sections,
    string Theme,
    DateOnly? AsOf,
    int? StartIndex,
    IReadOnlyList<KeyValuePair<string, string>> Options,
    string OEmbedUrl);

/// <summary>
/// The widget: the timeline's events (each with its sources; events that did not take place marked in words), the
/// commitments' status bar and each commitment's sourced history, an as-of control, and with <c>start</c> a short
/// window of events from that point. Server-rendered whole, so it reads without JavaScript; widget.js only enhances.
/// </summary>
public static class EmbedPage
{
    /// <summary>How many events a <c>start</c> window shows before the rest fold away.</summary>
    public const int WindowSize = 5;

    public static string Render(ReaderContext context, EmbedModel model)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        var t = context.Text;
        var html = new HtmlWriter();
        var slug = model.Timeline.Slug;
        var pageUrl = context.Absolute(Infrastructure.ReaderPaths.Timeline(slug));
        var title = context.Stored(ContentTexts.Timeline, slug, "title", model.Timeline.Title);
        ReaderLayout.Begin(html, context, new PageHead(
            title.Text!,
            context.Stored(ContentTexts.Timeline, slug, "description", model.Timeline.Description).Text,
            pageUrl,
            "website",
            JsonLd(context, model, pageUrl, title),
            [ReaderLayout.OEmbed(model.OEmbedUrl, title.Text!)]), model.Theme, "tl-widget-body");

        html.Append($"<main class=\"tl tl-widget\" aria-labelledby=\"tl-title\" data-timeline=\"{slug}\">\n");
        html.Append($"<header class=\"tl-head\">\n<h1 id=\"tl-title\"{context.LangOf(title)}>{title.Text}</h1>\n");
        var day = model.AsOf ?? DateOnly.MaxValue;
        if (model.Sections == EmbedView.Treaties)
        {
            html.Append($"<section class=\"tl-summary\" aria-label=\"{t["Treaties.Heading"]}\">\n");
            ReaderMarkup.AsOfForm(html, context, context.Link(Infrastructure.ReaderPaths.Embed(slug)), model.AsOf, model.Options);
            html.Append($"</section>\n");
        }

        if (model.Sections.HasFlag(EmbedView.Scorecard))
        {
            html.Append($"<section class=\"tl-summary\" aria-label=\"{t["Status.Heading"]}\">\n");
            ReaderMarkup.StatusSummary(html, context, [.. model.Commitments.Select(c => Standing.AsOf(c, day).Status)]);
            ReaderMarkup.AsOfForm(html, context, context.Link(Infrastructure.ReaderPaths.Embed(slug)), model.AsOf, model.Options);
            html.Append($"</section>\n");
        }

        html.Append($"</header>\n");
        if (model.Sections.HasFlag(EmbedView.Events))
            AppendEvents(html, context, model);
        if (model.Sections.HasFlag(EmbedView.Scorecard))
            AppendCommitments(html, context, model.Commitments, day);
        if (model.Sections.HasFlag(EmbedView.Treaties))
            TreatyMarkup.Treaties(html, context, model.Treaties, day);
        // "Data: {title} (Timeline)": the title inside the interface's words keeps its own language.
        var credit = t["Widget.Credit"].Split("{0}", 2);
        html.Append($"<footer class=\"tl-foot\"><a href=\"{context.TimelinePage(slug)}\" target=\"_blank\" rel=\"noopener\">{credit[0]}<span{context.LangOf(title)}>{title.Text}</span>{credit[^1]}</a></footer>\n</main>\n");
        ReaderLayout.End(html);
        return html.ToString();
    }

    private static void AppendEvents(HtmlWriter html, ReaderContext context, EmbedModel model)
    {
        var t = context.Text;
        html.Append($"<section class=\"tl-events\" aria-labelledby=\"tl-events-title\">\n<h2 id=\"tl-events-title\">{t["Events.Heading"]}</h2>\n");
        var events = model.Events;
        if (events.Count == 0)
        {
            html.Append($"<p class=\"tl-empty\">{t["Events.None"]}</p>\n</section>\n");
            return;
        }

        if (model.StartIndex is not { } start)
        {
            EventList(html, context, events, 0, events.Count);
        }
        else
        {
            // The window is the start event and a few after it; the rest fold away, so the frame opens on the story.
            var end = Math.Min(events.Count, start + WindowSize);
            if (start > 0)
                Folded(html, context, "Events.Earlier", events, 0, start);
            EventList(html, context, events, start, end);
            if (end < events.Count)
                Folded(html, context, "Events.Later", events, end, events.Count);
        }

        html.Append($"</section>\n");
    }

    private static void Folded(HtmlWriter html, ReaderContext context, string label, IReadOnlyList<ReaderEvent> events, int from, int to)
    {
        html.Append($"<details class=\"tl-more\">\n<summary>{context.Text.Format(label, context.Text.Number(to - from))}</summary>\n");
        EventList(html, context, events, from, to);
        html.Append($"</details>\n");
    }

    private static void EventList(HtmlWriter html, ReaderContext context, IReadOnlyList<ReaderEvent> events, int from, int to)
    {
        var start = from == 0 ? Markup.Empty : new Markup($" start=\"{from + 1}\"");
        html.Append($"<ol class=\"tl-list\"{start} aria-label=\"{context.Text["Events.ListLabel"]}\">\n");
        for (var i = from; i < to; i++)
            ReaderMarkup.Event(html, context, events[i], newTab: true);
        html.Append($"</ol>\n");
    }

    private static void AppendCommitments(HtmlWriter html, ReaderContext context, IReadOnlyList<ReaderCommitment> commitments, DateOnly day)
    {
        var t = context.Text;
        html.Append($"<section class=\"tl-scorecard\" aria-labelledby=\"tl-scorecard-title\">\n<h2 id=\"tl-scorecard-title\">{t["Commitments.Heading"]}</h2>\n");
        ReaderMarkup.CommitmentsOpen(html, context, "ul");
        foreach (var commitment in commitments)
            ReaderMarkup.Commitment(html, context, commitment, day, newTab: true);
        html.Append($"</ul>\n</section>\n");
    }

    private static JsonObject JsonLd(ReaderContext context, EmbedModel model, string pageUrl, ChosenText title)
    {
        var items = new JsonArray();
        var position = 1;
        foreach (var e in model.Sections.HasFlag(EmbedView.Events) ? model.Events : [])
            items.Add(new JsonObject { ["@type"] = "ListItem", ["position"] = position++, ["item"] = ReaderJsonLd.Event(context, e.Event, e.Date, []) });
        foreach (var treaty in model.Sections.HasFlag(EmbedView.Treaties) ? model.Treaties : [])
            items.Add(new JsonObject { ["@type"] = "ListItem", ["position"] = position++, ["item"] = ReaderJsonLd.Treaty(context, treaty, model.AsOf ?? DateOnly.MaxValue) });
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ItemList",
            ["name"] = title.Text,
            ["url"] = pageUrl,
            ["itemListElement"] = items,
        };
    }
}
