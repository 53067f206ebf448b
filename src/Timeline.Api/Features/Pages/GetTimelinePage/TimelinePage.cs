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
        var title = context.Stored(ContentTexts.Timeline, slug, "title", timeline.Title);
        var description = context.Stored(ContentTexts.Timeline, slug, "description", timeline.Description);
        var html = new HtmlWriter();
        ReaderPage.Begin(html, context, new PageHead(
            t.Format("Page.Title", title.Text),
            description.Text,
            canonical,
            "website",
            JsonLd(context, timeline, canonical, data, title, description),
            [
                new AlternateLink(OutputMediaTypes.Json, context.Absolute(PageLinks.TimelineJson(slug)), title.Text!),
                .. PageLinks.TimelineFeeds(context, slug, title.Text!),
                ReaderLayout.OEmbed(PublicUrls.OEmbedFor(context.Request, canonical), title.Text!),
            ]), req.ThemeOrDefault, [new Crumb(title.Text!, null, IsContent: true, title.Language)]);

        html.Append($"<h1{context.LangOf(title)}>{title.Text}</h1>\n");
        if (description.Text is not null)
            html.Append($"<p{context.LangOf(description)}>{description.Text}</p>\n");

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
            html.Append($"<pre class=\"tl-code\" tabindex=\"0\"><code>{EmbedSnippet.For(context, slug, title.Text!)}</code></pre>\n");
            html.Append($"<p>{t["Embed.Options"]}</p>\n");
            var image = context.Link(ReaderPaths.ScorecardSvg(slug)) + (req.AsOf is null ? "" : $"?asOf={Uri.EscapeDataString(req.AsOf.Text)}");
            html.Append($"<p><a href=\"{image}\"><img class=\"tl-scorecard-img\" src=\"{image}\" width=\"600\" height=\"315\" alt=\"{t["Data.Scorecard"]}\"></a></p>\n</div>\n");
        });

        ReaderPage.End(html, context, [data]);
        return html.ToString();
    }

    /// <summary>A schema.org Dataset: the timeline and its downloads.</summary>
    private static JsonObject JsonLd(ReaderContext context, TimelineHeader timeline, string canonical, DataGroup data, ChosenText title, ChosenText description)
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
            ["name"] = title.Text,
            ["url"] = canonical,
            // The language of its name: the timeline's own, or the translation chosen for the reader.
            ["inLanguage"] = title.Language ?? timeline.Language,
            ["dateModified"] = timeline.UpdatedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["distribution"] = downloads,
        };
        if (description.Text is not null)
            document["description"] = description.Text;
        return document;
    }
}
