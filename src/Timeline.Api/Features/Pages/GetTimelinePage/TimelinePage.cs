using System.Text.Json.Nodes;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Embed;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages.GetTimelinePage;

/// <summary>A timeline's page: the status summary, the commitments with their histories, the events, how to embed it.</summary>
public static class TimelinePage
{
    public static string Render(
        ReaderContext context, TimelineHeader timeline, IReadOnlyList<ReaderEvent> events, IReadOnlyList<ReaderCommitment> commitments, GetTimelinePageRequest req)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(req);
        var t = context.Text;
        var slug = timeline.Slug;
        var canonical = context.Absolute(ReaderPaths.Timeline(slug));
        var data = PageLinks.Timeline(context, slug, t["Data.ThisTimeline"], req.AsOf?.Text);
        var html = new HtmlWriter();
        ReaderPage.Begin(html, context, new PageHead(
            t.Format("Page.Title", timeline.Title),
            timeline.Description,
            canonical,
            "website",
            JsonLd(context, timeline, canonical, data),
            [
                new AlternateLink(OutputMediaTypes.Json, context.Absolute(PageLinks.TimelineJson(slug)), timeline.Title),
                .. PageLinks.TimelineFeeds(context, slug, timeline.Title),
                ReaderLayout.OEmbed(PublicUrls.OEmbedFor(context.Request, canonical), timeline.Title),
            ]), req.ThemeOrDefault, [new Crumb(timeline.Title, null, IsContent: true)]);

        html.Append($"<h1{context.ContentLang}>{timeline.Title}</h1>\n");
        if (timeline.Description is not null)
            html.Append($"<p{context.ContentLang}>{timeline.Description}</p>\n");

        var day = req.AsOfDay ?? DateOnly.MaxValue;
        ReaderPage.Section(html, "tl-status-title", t["Status.Heading"], () =>
        {
            html.Append($"<div class=\"tl-summary\">\n");
            ReaderMarkup.StatusSummary(html, context, [.. commitments.Select(c => Standing.AsOf(c, day).Status)]);
            var keep = string.IsNullOrEmpty(req.Theme) ? [] : new[] { KeyValuePair.Create("theme", req.Theme) };
            ReaderMarkup.AsOfForm(html, context, context.Link(ReaderPaths.Timeline(slug)), req.AsOfDay, keep);
            html.Append($"</div>\n");
        });

        ReaderPage.Section(html, "tl-commitments-title", t["Commitments.Heading"], () =>
        {
            ReaderMarkup.CommitmentsOpen(html, context, "ul");
            foreach (var commitment in commitments)
                ReaderMarkup.Commitment(html, context, commitment, day, newTab: false);
            html.Append($"</ul>\n");
        });

        ReaderPage.Section(html, "tl-events-title", t["Events.Heading"], () =>
        {
            html.Append($"<ol class=\"tl-list\" aria-label=\"{t["Events.ListLabel"]}\">\n");
            foreach (var e in events)
                ReaderMarkup.Event(html, context, e, newTab: false);
            html.Append($"</ol>\n");
        });

        ReaderPage.Section(html, "tl-embed-title", t["Embed.Heading"], () =>
        {
            html.Append($"<div class=\"tl-embed\">\n<p>{t["Embed.Intro"]}</p>\n");
            html.Append($"<pre class=\"tl-code\" tabindex=\"0\"><code>{EmbedSnippet.For(context, slug, timeline.Title)}</code></pre>\n");
            html.Append($"<p>{t["Embed.Options"]}</p>\n");
            var image = context.Link(ReaderPaths.ScorecardSvg(slug)) + (req.AsOf is null ? "" : $"?asOf={Uri.EscapeDataString(req.AsOf.Text)}");
            html.Append($"<p><a href=\"{image}\"><img class=\"tl-scorecard-img\" src=\"{image}\" width=\"600\" height=\"315\" alt=\"{t["Data.Scorecard"]}\"></a></p>\n</div>\n");
        });

        ReaderPage.End(html, context, [data]);
        return html.ToString();
    }

    /// <summary>A schema.org Dataset: the timeline and its downloads.</summary>
    private static JsonObject JsonLd(ReaderContext context, TimelineHeader timeline, string canonical, DataGroup data)
    {
        var downloads = new JsonArray();
        foreach (var link in data.Links)
        {
            downloads.Add(new JsonObject
            {
                ["@type"] = "DataDownload",
                ["name"] = link.Label,
                ["encodingFormat"] = link.MediaType,
                ["contentUrl"] = context.BaseUrl + link.Href[context.PathBase.Length..],
            });
        }

        var document = new JsonObject
        {
            ["@context"] = ReaderJsonLd.Context,
            ["@type"] = "Dataset",
            ["name"] = timeline.Title,
            ["url"] = canonical,
            ["inLanguage"] = timeline.Language,
            ["dateModified"] = timeline.UpdatedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["distribution"] = downloads,
        };
        if (timeline.Description is not null)
            document["description"] = timeline.Description;
        return document;
    }
}
