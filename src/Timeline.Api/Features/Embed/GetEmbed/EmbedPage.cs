using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;
using Timeline.Api.Features.Exports;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Embed.GetEmbed;

/// <summary>Everything the widget page shows.</summary>
public sealed record EmbedModel(
    TimelineHeader Timeline,
    IReadOnlyList<EventSummaryResponse> Events,
    IReadOnlyList<CommitmentStanding> Commitments,
    bool ShowEvents,
    bool ShowScorecard,
    bool Dark,
    string PageUrl,
    string OEmbedUrl,
    string TimelineUrl,
    Func<string, string> EventUrl,
    DateOnly Today);

/// <summary>
/// Renders the widget as one HTML string. Every value from the database passes through <see cref="HtmlText.Encode"/>,
/// and the JSON-LD is written by System.Text.Json, whose default encoder escapes &lt; &gt; &amp; so that no stored text
/// can close the script block. No inline script or style exists, so the CSP can forbid both.
/// </summary>
public static class EmbedPage
{
    public static string Render(EmbedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder(16 * 1024);
        var title = HtmlText.Encode(model.Timeline.Title);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="{HtmlText.Encode(model.Timeline.Language)}" data-theme="{(model.Dark ? "dark" : "light")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="strict-origin-when-cross-origin">
            <title>{title}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/embed/assets/widget.css">
            <link rel="alternate" type="{ExportMediaTypes.OEmbedJson}" href="{HtmlText.Encode(model.OEmbedUrl)}" title="{title}">
            <link rel="canonical" href="{HtmlText.Encode(model.PageUrl)}">
            <script type="application/ld+json">{JsonLd(model)}</script>
            <script src="/embed/assets/widget.js" defer></script>
            </head>
            <body>
            <main class="tl" aria-labelledby="tl-title">
            <header>
            <h1 id="tl-title">{title}</h1>

            """);
        if (model.ShowScorecard)
        {
            var materialised = model.Commitments.Count(c => c.Status == CommitmentStatus.Materialised);
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"tl-headline\">{materialised} of {model.Commitments.Count} commitments materialised</p>\n");
        }

        html.Append("</header>\n");
        if (model.ShowEvents)
            AppendEvents(html, model);
        if (model.ShowScorecard)
            AppendScorecard(html, model);
        html.Append(CultureInfo.InvariantCulture, $"""
            <footer><a href="{HtmlText.Encode(model.TimelineUrl)}" target="_blank" rel="noopener">Data: {title} (Timeline API)</a></footer>
            </main>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static void AppendEvents(StringBuilder html, EmbedModel model)
    {
        html.Append("<section class=\"tl-events\" aria-labelledby=\"tl-events-title\">\n<h2 id=\"tl-events-title\">Events</h2>\n");
        if (model.Events.Count == 0)
        {
            html.Append("<p class=\"tl-empty\">No events match.</p>\n</section>\n");
            return;
        }

        html.Append("<ol class=\"tl-list\" aria-label=\"Events in date order; use the arrow keys to move between them\">\n");
        foreach (var e in model.Events)
        {
            var date = EdtfDate.Parse(e.Date.Edtf);
            var (badge, badgeClass) = Badge(e.Status, date, model.Today);
            var classes = badge is null ? "tl-event" : $"tl-event tl-{badgeClass}";
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"{classes}\" tabindex=\"0\" data-slug=\"{HtmlText.Encode(e.Slug)}\">\n");
            html.Append(CultureInfo.InvariantCulture, $"<time datetime=\"{HtmlText.Encode(MachineDate(date))}\">{HtmlText.Encode(HumanDate.Format(date))}</time>\n");
            html.Append(CultureInfo.InvariantCulture, $"<h3>{HtmlText.Encode(e.Title)}</h3>\n");
            if (badge is not null)
                html.Append(CultureInfo.InvariantCulture, $"<p><span class=\"tl-badge tl-badge-{badgeClass}\">{HtmlText.Encode(badge)}</span></p>\n");
            if (e.Summary is not null)
                html.Append(CultureInfo.InvariantCulture, $"<p>{HtmlText.Encode(e.Summary)}</p>\n");
            if (e.Place is not null)
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"tl-headline\">{HtmlText.Encode(e.Place)}</p>\n");
            if (e.Note is not null)
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"tl-headline\"><em>{HtmlText.Encode(e.Note)}</em></p>\n");
            html.Append("</li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    private static void AppendScorecard(StringBuilder html, EmbedModel model)
    {
        html.Append("""
            <section class="tl-scorecard" aria-labelledby="tl-scorecard-title">
            <h2 id="tl-scorecard-title">Commitments scorecard</h2>
            <table>
            <caption>Each commitment's status today and the date it last changed</caption>
            <thead><tr><th scope="col">Commitment</th><th scope="col">Status</th><th scope="col">Since</th></tr></thead>
            <tbody>

            """);
        foreach (var c in model.Commitments)
        {
            var status = c.Status is { } s ? Kebab.ToValue(s) : "unassessed";
            var since = c.StatusSince is null ? "—" : HumanDate.Format(EdtfDate.Parse(c.StatusSince.Edtf));
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-slug="{HtmlText.Encode(c.Slug)}"><th scope="row" data-label="Commitment">{HtmlText.Encode(c.Title)}</th><td data-label="Status" class="tl-status tl-status-{status}">{HtmlText.Encode(status.Replace('-', ' '))}</td><td data-label="Since">{HtmlText.Encode(since)}</td></tr>

                """);
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>A planned event whose last possible day has passed was announced and never held: say so in words, not only colour.</summary>
    internal static (string? Text, string Class) Badge(EventStatus status, EdtfDate date, DateOnly today) => status switch
    {
        EventStatus.Planned when date.End < today => ("Announced, never held", "not-held"),
        EventStatus.Planned => ("Planned", "not-held"),
        EventStatus.Cancelled => ("Cancelled", "cancelled"),
        EventStatus.Postponed => ("Postponed", "postponed"),
        _ => (null, ""),
    };

    /// <summary>ISO 8601 to the precision known (2019-12-08, 2019-12, 2004): what &lt;time&gt; and schema.org accept.</summary>
    internal static string MachineDate(EdtfDate date)
    {
        var day = date.Start == DateOnly.MinValue ? date.End : date.Start;
        return date.Precision switch
        {
            DatePrecision.Day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DatePrecision.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => day.ToString("yyyy", CultureInfo.InvariantCulture),
        };
    }

    private static string JsonLd(EmbedModel model)
    {
        var items = new JsonArray();
        var position = 1;
        foreach (var e in model.ShowEvents ? model.Events : [])
        {
            var date = EdtfDate.Parse(e.Date.Edtf);
            var item = new JsonObject
            {
                ["@type"] = "Event",
                ["name"] = e.Title,
                ["startDate"] = MachineDate(date),
                ["eventStatus"] = e.Status switch
                {
                    EventStatus.Cancelled => "https://schema.org/EventCancelled",
                    EventStatus.Postponed => "https://schema.org/EventPostponed",
                    EventStatus.Planned when date.End < model.Today => "https://schema.org/EventCancelled",
                    _ => "https://schema.org/EventScheduled",
                },
                ["url"] = model.EventUrl(e.Slug),
            };
            if (date.IsInterval && date.End != DateOnly.MaxValue)
                item["endDate"] = date.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (e.Summary is not null)
                item["description"] = e.Summary;
            if (e.Place is not null)
                item["location"] = new JsonObject { ["@type"] = "Place", ["name"] = e.Place };
            items.Add(new JsonObject { ["@type"] = "ListItem", ["position"] = position++, ["item"] = item });
        }

        var document = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ItemList",
            ["name"] = model.Timeline.Title,
            ["url"] = model.PageUrl,
            ["itemListElement"] = items,
        };
        // The default encoder escapes < > & and quotes as \uXXXX: "</script>" in a title cannot end this block.
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
