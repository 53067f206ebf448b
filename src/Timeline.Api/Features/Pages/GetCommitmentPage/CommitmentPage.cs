using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages.GetCommitmentPage;

/// <summary>A commitment's permalink page: what was promised, by whom, and its whole sourced history.</summary>
public static class CommitmentPage
{
    public static string Render(ReaderContext context, ReaderCommitment commitment, IReadOnlyList<TimelineHeader> timelines, GetCommitmentPageRequest req)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(commitment);
        ArgumentNullException.ThrowIfNull(timelines);
        ArgumentNullException.ThrowIfNull(req);
        var t = context.Text;
        var slug = commitment.Slug;
        var canonical = context.Absolute(ReaderPaths.Commitment(slug));
        var day = req.AsOfDay ?? DateOnly.MaxValue;
        var standing = Standing.AsOf(commitment, day);
        var title = context.Stored(ContentTexts.Commitment, slug, "title", commitment.Title);
        var own = context.Stored(ContentTexts.Commitment, slug, "description", commitment.Description);
        var description = own.Text ?? $"{t.Category(commitment.Category)} · {t.Status(standing.Status)}";
        var home = timelines.Count > 0 ? timelines[0] : null;
        var homeTitle = home is null ? default : context.Stored(ContentTexts.Timeline, home.Slug, "title", home.Title);
        var html = new HtmlWriter();
        ReaderPage.Begin(html, context, new PageHead(
            t.Format("Page.Title", title.Text),
            description,
            canonical,
            "article",
            JsonLd(context, commitment, canonical, standing, timelines, title, own),
            [
                new AlternateLink(OutputMediaTypes.Json, context.Absolute(PageLinks.CommitmentJson(slug)), title.Text!),
                .. home is null ? [] : PageLinks.TimelineFeeds(context, home.Slug, homeTitle.Text!),
            ]),
            req.ThemeOrDefault,
            [.. home is null ? [] : new[] { new Crumb(homeTitle.Text!, context.TimelinePage(home.Slug), IsContent: true, homeTitle.Language) }, new Crumb(t["Page.Commitment"], null)]);

        html.Append($"<h1{context.LangOf(title)}>{title.Text}</h1>\n");
        if (own.Text is not null)
            html.Append($"<p{context.LangOf(own)}>{own.Text}</p>\n");
        html.Append($"<dl class=\"tl-facts\">\n<dt>{t["Commitment.Category"]}</dt><dd>{t.Category(commitment.Category)}</dd>\n");
        if (commitment.Parties.Count > 0)
        {
            html.Append($"<dt>{t["Commitment.Parties"]}</dt><dd>");
            for (var i = 0; i < commitment.Parties.Count; i++)
            {
                var party = commitment.Parties[i];
                var name = context.Stored(ContentTexts.Actor, party.Slug, "name", party.Name);
                var lang = context.Texts.Chooses ? context.LangOf(name) : Markup.Empty;
                html.Append($"{(i == 0 ? "" : t["List.Separator"])}");
                if (lang == Markup.Empty)
                    html.Append($"{name.Text}");
                else
                    html.Append($"<span{lang}>{name.Text}</span>");
            }

            html.Append($"</dd>\n");
        }

        if (commitment.MadeIn is { } madeIn)
        {
            var made = context.Stored(ContentTexts.Event, madeIn.Slug, "title", madeIn.Title);
            html.Append($"<dt>{t["Commitment.MadeIn"]}</dt><dd><a href=\"{context.EventPage(madeIn.Slug)}\"{context.LangOf(made)}>{made.Text}</a>, ");
            ReaderMarkup.Time(html, context, EdtfDate.Parse(madeIn.Date.Edtf));
            html.Append($"</dd>\n");
        }

        if (commitment.Due is { } due)
        {
            html.Append($"<dt>{t["Commitment.Due"]}</dt><dd>");
            ReaderMarkup.Time(html, context, EdtfDate.Parse(due.Edtf));
            html.Append($"</dd>\n");
        }

        html.Append($"</dl>\n");

        // One commitment in the same frame as a list of them, so that the script's as-of control works here too.
        ReaderMarkup.CommitmentsOpen(html, context, "div");
        html.Append($"<div class=\"tl-commitment\" data-slug=\"{slug}\">\n");
        ReaderPage.Section(html, "tl-status-title", t["Commitment.Status"], () =>
        {
            html.Append($"<p>");
            ReaderMarkup.CurrentStatus(html, context, standing);
            html.Append($"</p>\n");
            var keep = string.IsNullOrEmpty(req.Theme) ? [] : new[] { KeyValuePair.Create("theme", req.Theme) };
            ReaderMarkup.AsOfForm(html, context, context.Link(ReaderPaths.Commitment(slug)), req.AsOfDay, keep);
        });
        ReaderPage.Section(html, "tl-history-title", t["Commitment.FullHistory"], () =>
        {
            html.Append($"<ol class=\"tl-assessments\">\n");
            foreach (var assessment in commitment.History)
                ReaderMarkup.Assessment(html, context, assessment, day, newTab: false);
            html.Append($"</ol>\n");
        });
        html.Append($"</div>\n</div>\n");

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

        var json = PageLinks.CommitmentJson(slug);
        var asOfQuery = req.AsOf is null ? "" : $"?asOf={Uri.EscapeDataString(req.AsOf.Text)}";
        DataGroup self = new(t["Data.ThisCommitment"],
        [
            new(t["Data.Json"], context.Link(json + asOfQuery), OutputMediaTypes.Json),
            new(t["Data.History"], context.Link($"{json}/history"), OutputMediaTypes.Json),
            new(t["Data.Changes"], context.Link($"{json}/changes"), OutputMediaTypes.Json),
        ]);
        ReaderPage.End(html, context, [self, .. timelines.Select(tl => PageLinks.Timeline(context, tl.Slug, t.Format("Data.TimelineNamed", context.Stored(ContentTexts.Timeline, tl.Slug, "title", tl.Title).Text), req.AsOf?.Text))]);
        return html.ToString();
    }

    /// <summary>schema.org has no "commitment": a creative work about its parties, citing every source of its history.</summary>
    private static JsonObject JsonLd(
        ReaderContext context, ReaderCommitment commitment, string canonical, Standing standing, IReadOnlyList<TimelineHeader> timelines, ChosenText title, ChosenText description)
    {
        var document = new JsonObject
        {
            ["@context"] = ReaderJsonLd.Context,
            ["@type"] = "CreativeWork",
            ["name"] = title.Text,
            ["url"] = canonical,
            ["genre"] = Kebab.ToValue(commitment.Category),
            ["creativeWorkStatus"] = ReaderText.StatusKey(standing.Status),
            ["about"] = new JsonArray([.. commitment.Parties.Select(p => (JsonNode)new JsonObject
            {
                ["@type"] = "Thing", ["name"] = context.Stored(ContentTexts.Actor, p.Slug, "name", p.Name).Text,
            })]),
            ["citation"] = ReaderJsonLd.Sources(commitment.Counted.SelectMany(a => a.Sources).DistinctBy(s => s.Url, StringComparer.Ordinal)),
            ["isPartOf"] = new JsonArray([.. timelines.Select(tl => (JsonNode)new JsonObject
            {
                ["@type"] = "Dataset",
                ["name"] = context.Stored(ContentTexts.Timeline, tl.Slug, "title", tl.Title).Text,
                ["url"] = context.Absolute(ReaderPaths.Timeline(tl.Slug)),
            })]),
        };
        if (description.Text is not null)
            document["description"] = description.Text;
        if (title.Language is { } language)
            document["inLanguage"] = language;
        return document;
    }
}
