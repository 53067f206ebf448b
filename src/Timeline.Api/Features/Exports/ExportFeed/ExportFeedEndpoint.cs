using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Exports.ExportFeed;

public sealed class ExportFeedRequest
{
    public string Slug { get; set; } = "";

    /// <summary>
    /// The language of the words the feed adds around stored texts: <c>be</c>, <c>ru</c> or <c>en</c> (a BCP 47 tag); beats
    /// <c>Accept-Language</c>; otherwise the timeline's language, else English. <c>Content-Language</c> says which was used.
    /// Stored texts are in this language (else <c>Accept-Language</c>'s) where translated, else in the record's original, else English.
    /// </summary>
    [QueryParam]
    public string? Lang { get; set; }
}

public sealed class ExportFeedValidator : Validator<ExportFeedRequest>
{
    public ExportFeedValidator() => RuleFor(r => r.Lang).MustBeLanguageTag();
}

public sealed class ExportFeedEndpoint(TimelineDbContext db) : Endpoint<ExportFeedRequest>
{
    public const int MaxEntries = 100;
    public const string ContentType = OutputMediaTypes.Atom + "; charset=utf-8";

    public override void Configure()
    {
        Get("/timelines/{slug}/feed.atom");
        AllowAnonymous();
        Description(d => d.WithName("exportTimelineFeed").WithMetadata(WholeDocument.Marker).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Produces<string>(StatusCodes.Status200OK, OutputMediaTypes.Atom)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Follow a timeline's changes as Atom";
            s.Description = "An RFC 4287 feed of the timeline's new and corrected events and its commitments' new status assessments and its treaties' newly recorded actions (each an entry, linking to the treaty's actions in the API), newest first "
                + $"(at most {MaxEntries}). Entry ids are stable; a correction updates its entry's `updated` time. Each entry links to the public page "
                + "of its event or commitment (rel=alternate, text/html), to the same in the API (rel=alternate, application/json) and to the "
                + "embeddable widget (rel=related); the feed links to the timeline's page. The feed's `xml:lang` is the timeline's language "
                + "(its stored texts); the words the feed adds (status notes, \"as of\") are in the interface language chosen by `lang` or "
                + "`Accept-Language` (`Content-Language`), and a text that carries them is marked with that `xml:lang` where it differs. "
                + "Stored texts (the timeline's title and description, events' titles and summaries, commitments' titles, assessments' "
                + "summaries) are in the language asked for where translated, else in the record's original, else English, each "
                + "element marked with its own `xml:lang` where it differs from the feed's.";
        });
    }

    public override async Task HandleAsync(ExportFeedRequest req, CancellationToken ct)
    {
        var timeline = await TimelineDocuments.FindTimelineAsync(db, req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var request = HttpContext.Request;
        var text = ReaderText.For(request, timeline.Language);
        var items = await db.RecentChangesAsync(req.Slug, MaxEntries, ct);
        // The stored texts of what the feed shows, in the language asked for: the timeline's (read with its row), and for a
        // request that asks for a language the entries' events, commitments and assessments by key.
        var keys = new ContentKeys();
        foreach (var item in items)
        {
            if (item.Kind == FeedItemKind.Event)
                keys.Events.Add(item.Slug);
            if (item is { Kind: FeedItemKind.Assessment, AssessmentId: { } assessment })
            {
                keys.Commitments.Add(item.Slug);
                keys.Assessments.Add(assessment);
            }
        }

        var stored = await ContentTexts.For(request, timeline.Language).Add(timeline).LoadAsync(db, keys, ct);
        var title = stored.Choose(ContentTexts.Timeline, timeline.Slug, "title", timeline.Title);
        var description = stored.Choose(ContentTexts.Timeline, timeline.Slug, "description", timeline.Description);
        var embed = new Uri(PublicUrls.Embed(request, req.Slug));
        var self = new Uri($"{PublicUrls.Timeline(request, req.Slug)}/feed.atom");
        var feed = new SyndicationFeed(
            XmlCharacters.Safe(title.Text!),
            XmlCharacters.Safe(description.Text ?? title.Text!),
            new Uri(PublicUrls.TimelinePage(request, req.Slug)),
            $"urn:timeline:timeline:{timeline.Slug}",
            items.Count == 0 ? timeline.UpdatedAt : items.Max(i => i.Updated))
        {
            Generator = "Timeline API",
            Language = timeline.Language,
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(self, OutputMediaTypes.Atom));
        feed.Links.Add(new SyndicationLink(new Uri(PublicUrls.Timeline(request, req.Slug)), "related", text["Feed.ApiLink"], OutputMediaTypes.Json, 0));
        feed.Authors.Add(new SyndicationPerson { Name = "Timeline" });
        var words = new FeedWords(text, timeline.Language, stored);
        feed.Title = Text(feed.Title.Text, title.Language, words);
        feed.Description = Text(feed.Description.Text, description.Text is null ? title.Language : description.Language, words);
        feed.Items = [.. items.Select(i => ToEntry(request, i, embed, words))];

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true, Async = true };
        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, settings))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
            await writer.FlushAsync();
        }

        InterfaceLanguages.Announce(HttpContext.Response, InterfaceLanguages.Negotiate(request), text.Language);
        await Send.BytesAsync(buffer.ToArray(), contentType: ContentType, cancellation: ct);
    }

    /// <summary>
    /// The interface words of a feed, its own language (<paramref name="ContentLanguage"/>, the timeline's: the feed's
    /// <c>xml:lang</c>) and its stored texts in the language asked for.
    /// </summary>
    private sealed record FeedWords(ReaderText Text, string ContentLanguage, ContentTexts Stored);

    private static SyndicationItem ToEntry(HttpRequest request, FeedItem item, Uri embed, FeedWords words)
    {
        var t = words.Text;
        var stored = words.Stored;
        // The stored texts in the language asked for (an event's, or an assessment's and its commitment's title).
        ChosenText own = default, said = default, commitment = default;
        if (item.Kind == FeedItemKind.Event)
            (own, said) = (stored.Choose(ContentTexts.Event, item.Slug, "title", item.Title), stored.Choose(ContentTexts.Event, item.Slug, "summary", item.Summary));
        if (item.Kind == FeedItemKind.Assessment)
        {
            said = item.AssessmentId is { } id ? stored.Choose(ContentTexts.Assessment, id, "summary", item.Summary) : new ChosenText(item.Summary, words.ContentLanguage);
            commitment = stored.Choose(ContentTexts.Commitment, item.Slug, "title", item.CommitmentTitle);
        }

        // A reader's link goes to the human page; the API resource is a second alternate, typed as JSON.
        var (title, page, resource, summary) = item.Kind switch
        {
            FeedItemKind.Event => (
                $"{own.Text} ({item.DateText})",
                PublicUrls.EventPage(request, item.Slug),
                PublicUrls.Event(request, item.Slug),
                $"{EventStatusText(t, item)} {said.Text}".Trim()),
            FeedItemKind.TreatyAction => (
                $"{item.Title} ({item.DateText})",
                // Treaties have no page of their own yet: the widget's treaties view is where readers see the record.
                $"{embed}?view=treaties",
                $"{PublicUrls.Treaty(request, item.Slug)}/actions",
                item.Summary ?? ""),
            FeedItemKind.Correction => (
                item.Title,
                null,
                PublicUrls.Changes(request, item.ChangeResourceType!, item.Slug),
                item.Summary ?? ""),
            _ => (
                // The query's title carries the status as an API value; a reader gets its name in the interface language.
                t.Format("Feed.AssessmentTitle", t.Format("Feed.AssessmentHeadline", commitment.Text, t.Status(item.CommitmentStatus!.Value)), item.DateText),
                PublicUrls.CommitmentPage(request, item.Slug),
                PublicUrls.Commitment(request, item.Slug),
                t.Format("Feed.AssessmentSummary", commitment.Text, item.DateText, t.Status(item.CommitmentStatus!.Value), said.Text).TrimEnd()),
        };
        // Plain-text content: readers escape it, so nothing written in a data file can become markup in a feed reader.
        (title, summary) = (XmlCharacters.Safe(title), XmlCharacters.Safe(summary));
        // Texts framed by our words (a status note, "as of") are marked as in the interface language; an event's own texts
        // as in theirs (a translation's, or the original's when there is none), where it differs from the feed's.
        var framed = item.Kind == FeedItemKind.Assessment || (item.Kind == FeedItemKind.Event && EventStatusText(t, item).Length > 0);
        var summaryLanguage = framed ? t.Language : item.Kind == FeedItemKind.Event && said.Text is not null ? said.Language : words.ContentLanguage;
        var titleLanguage = item.Kind == FeedItemKind.Assessment ? t.Language : item.Kind == FeedItemKind.Event ? own.Language : words.ContentLanguage;
        var entry = new SyndicationItem(title, Text(summary, summaryLanguage, words), null, item.Id, item.Updated)
        {
            Summary = Text(summary, summaryLanguage, words),
            Title = Text(title, titleLanguage, words),
        };
        if (page is not null)
            entry.Links.Add(new SyndicationLink(new Uri(page), "alternate", null, OutputMediaTypes.Html, 0));
        entry.Links.Add(new SyndicationLink(new Uri(resource), "alternate", null, OutputMediaTypes.Json, 0));
        entry.Links.Add(new SyndicationLink(embed, "related", t["Feed.WidgetLink"], OutputMediaTypes.Html, 0));
        entry.Categories.Add(new SyndicationCategory(Kebab.ToValue(item.Kind)));
        return entry;
    }

    private static string EventStatusText(ReaderText text, FeedItem item) => item.EventStatus switch
    {
        EventStatus.Planned => text["Calendar.Planned"],
        EventStatus.Cancelled => text["Calendar.Cancelled"],
        EventStatus.Postponed => $"{text["Badge.postponed"]}.",
        _ => "",
    };

    /// <summary>A text element, with its own <c>xml:lang</c> when its language is not the feed's.</summary>
    private static TextSyndicationContent Text(string text, string? language, FeedWords words)
    {
        var content = new TextSyndicationContent(text);
        if (language is not null && !string.Equals(language, words.ContentLanguage, StringComparison.OrdinalIgnoreCase))
            content.AttributeExtensions.Add(new XmlQualifiedName("lang", "http://www.w3.org/XML/1998/namespace"), language);
        return content;
    }
}
