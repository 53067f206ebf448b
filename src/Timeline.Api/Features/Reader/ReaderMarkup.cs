using System.Globalization;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Reader;

/// <summary>
/// The pieces the widget and the pages share: an event, its sources, a commitment with its history, the status bar.
/// The widget's script reads the <c>data-</c> attributes written here (see widget.js), never text as markup.
/// </summary>
public static class ReaderMarkup
{
    /// <summary>Every status a commitment can have on a day, in the order the bar and legend show them.</summary>
    public static IReadOnlyList<CommitmentStatus?> BarOrder { get; } =
    [
        CommitmentStatus.Materialised, CommitmentStatus.PartiallyMaterialised, CommitmentStatus.InProgress,
        CommitmentStatus.NotStarted, CommitmentStatus.Stalled, CommitmentStatus.Abandoned, null,
    ];

    /// <summary>A planned event whose last possible day has passed was announced and never held: said in words, not only colour.</summary>
    public static string? BadgeKey(EventStatus status, EdtfDate date, DateOnly today) => EventOutcomes.Of(status, date, today) switch
    {
        EventOutcome.NeverHeld => "never-held",
        EventOutcome.Planned => "planned",
        EventOutcome.Cancelled => "cancelled",
        EventOutcome.Postponed => "postponed",
        _ => null,
    };

    /// <summary>ISO 8601 to the precision known (2019-12-08, 2019-12, 2004): what &lt;time&gt; and schema.org accept.</summary>
    public static string MachineDate(EdtfDate date)
    {
        ArgumentNullException.ThrowIfNull(date);
        var day = date.Start == DateOnly.MinValue ? date.End : date.Start;
        return date.Precision switch
        {
            DatePrecision.Day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DatePrecision.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => day.ToString("yyyy", CultureInfo.InvariantCulture),
        };
    }

    public static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void Time(HtmlWriter html, ReaderContext context, EdtfDate date)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        html.Append($"<time datetime=\"{MachineDate(date)}\">{context.Text.Date(date)}</time>");
    }

    public static void Badge(HtmlWriter html, ReaderContext context, EventStatus status, EdtfDate date)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        if (BadgeKey(status, date, context.Today) is { } key)
            html.Append($"<span class=\"tl-badge tl-badge-{key}\">{context.Text[$"Badge.{key}"]}</span>");
    }

    /// <summary>One event of a list, with a link to its page and its sources.</summary>
    public static void Event(HtmlWriter html, ReaderContext context, ReaderEvent item, bool newTab)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(item);
        var e = item.Event;
        var badge = BadgeKey(e.Status, item.Date, context.Today);
        var classes = badge is null ? "tl-event" : "tl-event tl-not-held";
        html.Append($"<li class=\"{classes}\" tabindex=\"0\" data-slug=\"{e.Slug}\" data-start=\"{IsoDay(item.Date.Start)}\">\n");
        Time(html, context, item.Date);
        var title = context.Stored(ContentTexts.Event, e.Slug, "title", e.Title);
        html.Append($"\n<h3{context.LangOf(title)}><a href=\"{context.EventPage(e.Slug)}\"{Target(newTab)}>{title.Text}</a></h3>\n");
        if (badge is not null)
        {
            html.Append($"<p>");
            Badge(html, context, e.Status, item.Date);
            html.Append($"</p>\n");
        }

        if (context.Stored(ContentTexts.Event, e.Slug, "summary", e.Summary) is { Text: not null } summary)
            html.Append($"<p{context.LangOf(summary)}>{summary.Text}</p>\n");
        if (context.Stored(ContentTexts.Event, e.Slug, "place", e.Place) is { Text: not null } place)
            html.Append($"<p class=\"tl-meta\"{context.LangOf(place)}>{place.Text}</p>\n");
        // The evidence right under the claim; caveats after it.
        Sources(html, context, item.Sources);
        if (context.Stored(ContentTexts.Event, e.Slug, "note", e.Note) is { Text: not null } note)
            html.Append($"<p class=\"tl-note\"{context.LangOf(note)}>{note.Text}</p>\n");
        html.Append($"</li>\n");
    }

    /// <summary>
    /// Sources as links (publisher, title, date), opening in a new tab without giving the source a handle on this page.
    /// Only http(s) URLs become links; anything else stays text.
    /// </summary>
    public static void Sources(HtmlWriter html, ReaderContext context, IReadOnlyList<SourceResponse> sources)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
            return;
        html.Append($"<ul class=\"tl-sources\" aria-label=\"{context.Text["Sources.Label"]}\">\n");
        foreach (var source in sources)
        {
            html.Append($"<li>");
            // Titles often begin with their publisher ("Euroradio: ..."); the name is then not written twice.
            if (source.Publisher is not null && source.Title?.StartsWith(source.Publisher + ":", StringComparison.Ordinal) != true)
                html.Append($"<span class=\"tl-publisher\"{context.ContentLang}>{source.Publisher}</span> ");
            Link(html, source.Url, source.Title ?? ShortUrl(source.Url), newTab: true, source.Title is null ? Markup.Empty : context.ContentLang);
            if (source.Published is not null && EdtfDate.TryParse(source.Published, out EdtfDate? published, out string? _))
            {
                html.Append($", ");
                Time(html, context, published);
            }

            if (source.ArchivedUrl is not null)
            {
                html.Append($" (");
                Link(html, source.ArchivedUrl, context.Text["Source.Archived"], newTab: true);
                html.Append($")");
            }

            html.Append($"</li>\n");
        }

        html.Append($"</ul>\n");
    }

    public static void Link(HtmlWriter html, string url, string text, bool newTab) => Link(html, url, text, newTab, Markup.Empty);

    /// <summary>A link whose text is in <paramref name="lang"/> (a <see cref="ReaderContext.ContentLang"/>).</summary>
    public static void Link(HtmlWriter html, string url, string text, bool newTab, Markup lang)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (IsHttp(url))
            html.Append($"<a href=\"{url}\"{Target(newTab)}{lang}>{text}</a>");
        else
            html.Append($"<span>{text}</span>");
    }

    public static Markup Target(bool newTab) => newTab ? new Markup(" target=\"_blank\" rel=\"noopener\"") : Markup.Empty;

    private static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>A source without a title is named by its address, without the scheme: "example.org/news/item".</summary>
    private static string ShortUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host + uri.AbsolutePath).TrimEnd('/') : url;

    /// <summary>
    /// The headline, the stacked status bar (SVG, named by a sentence) and its legend, counted on one day. The
    /// script recounts them from the commitments' histories when the reader changes the as-of date.
    /// </summary>
    public static void StatusSummary(HtmlWriter html, ReaderContext context, IReadOnlyList<CommitmentStatus?> statuses)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(statuses);
        var t = context.Text;
        var counts = BarOrder.ToDictionary(s => ReaderText.StatusKey(s), s => statuses.Count(x => x == s), StringComparer.Ordinal);
        var total = statuses.Count;
        var materialised = counts["materialised"];
        html.Append($"<p class=\"tl-headline\" data-template=\"{t["Status.Headline"]}\">{t.Format("Status.Headline", t.Number(materialised), t.Number(total))}</p>\n");

        var label = BarLabel(t, counts, total);
        html.Append($"<svg class=\"tl-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"tl-bar-label\" focusable=\"false\" ");
        html.Append($"data-template=\"{t["Status.Bar"]}\" data-item=\"{t["Status.BarItem"]}\" data-separator=\"{t["List.Separator"]}\">");
        html.Append($"<title id=\"tl-bar-label\">{label}</title>");
        double x = 0;
        foreach (var status in BarOrder)
        {
            var key = ReaderText.StatusKey(status);
            var width = total == 0 ? 0 : 100.0 * counts[key] / total;
            html.Append($"<rect class=\"tl-s-{key}\" data-status=\"{key}\" x=\"{x}\" y=\"0\" width=\"{width}\" height=\"10\"></rect>");
            x += width;
        }

        html.Append($"</svg>\n<ul class=\"tl-legend\">\n");
        foreach (var status in BarOrder)
        {
            var key = ReaderText.StatusKey(status);
            // "Not yet recorded" only matters when something is; the script shows it when the as-of date makes it so.
            var hidden = status is null && counts[key] == 0 ? new Markup(" hidden") : Markup.Empty;
            html.Append($"<li data-status=\"{key}\"{hidden}><span class=\"tl-swatch tl-s-{key}\"></span><span class=\"tl-legend-label\">{t.Status(status)}</span> <b class=\"tl-count\">{t.Number(counts[key])}</b></li>\n");
        }

        html.Append($"</ul>\n");
    }

    public static string BarLabel(ReaderText text, IReadOnlyDictionary<string, int> counts, int total)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(counts);
        var items = BarOrder
            .Where(s => counts[ReaderText.StatusKey(s)] > 0)
            .Select(s => text.Format("Status.BarItem", text.Number(counts[ReaderText.StatusKey(s)]), text.Status(s)));
        return text.Format("Status.Bar", text.Number(total), text.List(items));
    }

    /// <summary>
    /// The as-of control: a plain GET form, so that it works without JavaScript (the page reloads with <c>asOf</c>);
    /// the script re-counts in place instead. <paramref name="keep"/> are the other options of the page, carried along.
    /// </summary>
    public static void AsOfForm(HtmlWriter html, ReaderContext context, string action, DateOnly? asOf, IEnumerable<KeyValuePair<string, string>> keep)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(keep);
        var t = context.Text;
        var kept = keep.ToList();
        // A language chosen in the URL stays chosen after the form reloads the page.
        if (context.ExplicitLanguage is { } lang && !kept.Exists(p => p.Key == InterfaceLanguages.QueryName))
            kept.Add(KeyValuePair.Create(InterfaceLanguages.QueryName, lang));
        html.Append($"<form class=\"tl-asof\" method=\"get\" action=\"{action}\">\n");
        html.Append($"<label for=\"tl-asof-date\">{t["AsOf.Label"]}</label>\n");
        html.Append($"<input type=\"date\" id=\"tl-asof-date\" name=\"asOf\" value=\"{IsoDay(asOf ?? context.Today)}\" data-today=\"{IsoDay(context.Today)}\">\n");
        foreach (var (name, value) in kept)
            html.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{value}\">\n");
        html.Append($"<button type=\"submit\">{t["AsOf.Submit"]}</button>\n");
        var today = kept.Count == 0 ? action : $"{action}?{string.Join("&", kept.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"))}";
        html.Append($"<a class=\"tl-today\" href=\"{today}\">{t["AsOf.Today"]}</a>\n</form>\n");
    }

    /// <summary>
    /// A commitment: title (linked to its page), status on the day and since when, and its history in a disclosure
    /// that opens without script. Retracted assessments show on the commitment's own page only.
    /// </summary>
    public static void Commitment(HtmlWriter html, ReaderContext context, ReaderCommitment commitment, DateOnly day, bool newTab)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(commitment);
        var t = context.Text;
        var standing = Standing.AsOf(commitment, day);
        var counted = commitment.Counted.ToList();
        html.Append($"<li class=\"tl-commitment\" data-slug=\"{commitment.Slug}\">\n");
        var title = context.Stored(ContentTexts.Commitment, commitment.Slug, "title", commitment.Title);
        html.Append($"<h3{context.LangOf(title)}><a href=\"{context.CommitmentPage(commitment.Slug)}\"{Target(newTab)}>{title.Text}</a></h3>\n");
        html.Append($"<p>");
        CurrentStatus(html, context, standing);
        html.Append($"</p>\n");
        if (counted.Count > 0)
        {
            html.Append($"<details class=\"tl-history\">\n<summary>{t.Format("Commitment.History", t.Number(counted.Count))}</summary>\n<ol class=\"tl-assessments\">\n");
            foreach (var assessment in counted)
                Assessment(html, context, assessment, day, newTab);
            html.Append($"</ol>\n</details>\n");
        }

        html.Append($"</li>\n");
    }

    /// <summary>
    /// Opens the element around commitments; it carries what the script needs to re-label them for another as-of
    /// date: the status names and the words for an assessment after that date.
    /// </summary>
    public static void CommitmentsOpen(HtmlWriter html, ReaderContext context, string tag)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        var t = context.Text;
        var labels = new System.Text.Json.Nodes.JsonObject();
        foreach (var status in BarOrder)
            labels[ReaderText.StatusKey(status)] = t.Status(status);
        html.Append($"<{new Markup(tag)} class=\"tl-commitments\" data-after-label=\"{t["Assessment.AfterAsOf"]}\" data-labels=\"{labels.ToJsonString()}\">\n");
    }

    /// <summary>"Stalled since 21 October 2005": the status and the day its latest unbroken run began.</summary>
    public static void CurrentStatus(HtmlWriter html, ReaderContext context, Standing standing)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(standing);
        var t = context.Text;
        var key = ReaderText.StatusKey(standing.Status);
        html.Append($"<span class=\"tl-status tl-current tl-status-{key}\" data-status=\"{key}\">{t.Status(standing.Status)}</span> ");
        var since = standing.Since is null ? "" : t.Format("Status.Since", t.Date(standing.Since.Date));
        html.Append($"<span class=\"tl-since\" data-template=\"{t["Status.Since"]}\">{since}</span>");
    }

    /// <summary>One entry of a history: when, what status, why, and on what sources.</summary>
    public static void Assessment(HtmlWriter html, ReaderContext context, AssessmentResponse assessment, DateOnly day, bool newTab)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(assessment);
        var t = context.Text;
        var key = Kebab.ToValue(assessment.Status);
        var end = IsoDay(assessment.Date.End ?? DateOnly.MaxValue);
        var after = !Standing.Counts(assessment, day);
        var retracted = assessment.Retraction is not null;
        var classes = "tl-assessment" + (after ? " tl-after" : "") + (retracted ? " tl-retracted" : "");
        html.Append($"<li class=\"{classes}\" data-end=\"{end}\" data-status=\"{key}\">\n");
        Time(html, context, EdtfDate.Parse(assessment.Date.Edtf));
        html.Append($" <span class=\"tl-status tl-status-{key}\">{t.Status(assessment.Status)}</span>");
        if (after)
            html.Append($" <span class=\"tl-after-label\">{t["Assessment.AfterAsOf"]}</span>");
        if (retracted)
            html.Append($" <span class=\"tl-badge tl-badge-cancelled\">{t["Assessment.RetractedBadge"]}</span>");
        var lang = context.ContentLang;
        var summary = context.Stored(ContentTexts.Assessment, assessment.Id.ToString(CultureInfo.InvariantCulture), "summary", assessment.Summary);
        html.Append($"\n<p{context.LangOf(summary)}>{summary.Text}</p>\n");
        if (assessment.Event is not null)
        {
            var title = context.Stored(ContentTexts.Event, assessment.Event.Slug, "title", assessment.Event.Title);
            html.Append($"<p class=\"tl-meta\">{t["Assessment.Event"]}: <a href=\"{context.EventPage(assessment.Event.Slug)}\"{Target(newTab)}{context.LangOf(title)}>{title.Text}</a></p>\n");
        }

        if (assessment.Note is not null)
            html.Append($"<p class=\"tl-note\"{lang}>{assessment.Note}</p>\n");
        Sources(html, context, assessment.Sources);
        if (assessment.Retraction is { } retraction)
        {
            html.Append($"<p class=\"tl-note\">{t.Format("Assessment.Retracted", t.Day(DateOnly.FromDateTime(retraction.At.UtcDateTime)), retraction.By, retraction.Reason)}</p>\n");
        }

        html.Append($"</li>\n");
    }
}
