using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Domain;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Exports.ExportFeed;

public sealed class ExportFeedRequest
{
    public string Slug { get; set; } = "";
}

public sealed class ExportFeedEndpoint(TimelineDbContext db) : Endpoint<ExportFeedRequest>
{
    public const int MaxEntries = 100;
    public const string ContentType = ExportMediaTypes.Atom + "; charset=utf-8";

    public override void Configure()
    {
        Get("/timelines/{slug}/feed.atom");
        AllowAnonymous();
        Description(d => d.WithName("exportTimelineFeed")
            .Produces<string>(StatusCodes.Status200OK, ExportMediaTypes.Atom)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Follow a timeline's changes as Atom";
            s.Description = "An RFC 4287 feed of the timeline's new and corrected events and its commitments' new status assessments, newest first "
                + $"(at most {MaxEntries}). Entry ids are stable; a correction updates its entry's `updated` time. Each entry links to the public page "
                + "of its event or commitment (rel=alternate, text/html), to the same in the API (rel=alternate, application/json) and to the "
                + "embeddable widget (rel=related); the feed links to the timeline's page.";
        });
    }

    public override async Task HandleAsync(ExportFeedRequest req, CancellationToken ct)
    {
        var timeline = await TimelineExports.FindTimelineAsync(db, req.Slug, ct);
        if (timeline is null)
        {
            await Send.ResultAsync(Problems.NotFound("timeline", req.Slug));
            return;
        }

        var request = HttpContext.Request;
        var items = await db.RecentChangesAsync(req.Slug, MaxEntries, ct);
        var embed = new Uri(PublicUrls.Embed(request, req.Slug));
        var self = new Uri($"{PublicUrls.Timeline(request, req.Slug)}/feed.atom");
        var feed = new SyndicationFeed(
            XmlSafe(timeline.Title),
            XmlSafe(timeline.Description ?? timeline.Title),
            new Uri(PublicUrls.TimelinePage(request, req.Slug)),
            $"urn:timeline:timeline:{timeline.Slug}",
            items.Count == 0 ? timeline.UpdatedAt : items.Max(i => i.Updated))
        {
            Generator = "Timeline API",
            Language = timeline.Language,
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(self, ExportMediaTypes.Atom));
        feed.Links.Add(new SyndicationLink(new Uri(PublicUrls.Timeline(request, req.Slug)), "related", "The timeline in the API", ExportMediaTypes.Json, 0));
        feed.Authors.Add(new SyndicationPerson { Name = "Timeline" });
        feed.Items = [.. items.Select(i => ToEntry(request, i, embed))];

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true, Async = true };
        using var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, settings))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
            await writer.FlushAsync();
        }

        await Send.BytesAsync(buffer.ToArray(), contentType: ContentType, cancellation: ct);
    }

    private static SyndicationItem ToEntry(HttpRequest request, FeedItem item, Uri embed)
    {
        // A reader's link goes to the human page; the API resource is a second alternate, typed as JSON.
        var (title, page, resource, summary) = item.Kind switch
        {
            FeedItemKind.Event => (
                $"{item.Title} ({item.DateText})",
                PublicUrls.EventPage(request, item.Slug),
                PublicUrls.Event(request, item.Slug),
                $"{EventStatusText(item)} {item.Summary}".Trim()),
            FeedItemKind.Correction => (
                item.Title,
                null,
                PublicUrls.Changes(request, item.ChangeResourceType!, item.Slug),
                item.Summary ?? ""),
            _ => (
                $"{item.Title} (as of {item.DateText})",
                PublicUrls.CommitmentPage(request, item.Slug),
                PublicUrls.Commitment(request, item.Slug),
                $"Status of \"{item.CommitmentTitle}\" as of {item.DateText}: {Kebab.ToValue(item.CommitmentStatus!.Value)}. {item.Summary}"),
        };
        // Plain-text content: readers escape it, so nothing written in a data file can become markup in a feed reader.
        (title, summary) = (XmlSafe(title), XmlSafe(summary));
        var entry = new SyndicationItem(title, new TextSyndicationContent(summary), null, item.Id, item.Updated)
        {
            Summary = new TextSyndicationContent(summary),
        };
        if (page is not null)
            entry.Links.Add(new SyndicationLink(new Uri(page), "alternate", null, ExportMediaTypes.Html, 0));
        entry.Links.Add(new SyndicationLink(new Uri(resource), "alternate", null, ExportMediaTypes.Json, 0));
        entry.Links.Add(new SyndicationLink(embed, "related", "The timeline widget", ExportMediaTypes.Html, 0));
        entry.Categories.Add(new SyndicationCategory(Kebab.ToValue(item.Kind)));
        return entry;
    }

    private static string EventStatusText(FeedItem item) => item.EventStatus switch
    {
        EventStatus.Planned => "Planned.",
        EventStatus.Cancelled => "Cancelled.",
        EventStatus.Postponed => "Postponed.",
        _ => "",
    };

    /// <summary>
    /// Drops the characters XML 1.0 cannot carry (most control characters, U+FFFE/U+FFFF): an editor's stray
    /// control character must not take the whole feed down.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i++, 2);
                continue;
            }

            if (XmlConvert.IsXmlChar(text[i]))
                builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
