using Timeline.Api.Features.Common;
using Timeline.Api.Features.Reader;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Pages;

/// <summary>Where the same things live as data, for the pages' data links and head links.</summary>
public static class PageLinks
{
    public static string Api(string path) => "/api/v1" + path;

    public static string TimelineJson(string slug) => Api($"/timelines/{Uri.EscapeDataString(slug)}");

    public static string EventJson(string slug) => Api($"/events/{Uri.EscapeDataString(slug)}");

    public static string CommitmentJson(string slug) => Api($"/commitments/{Uri.EscapeDataString(slug)}");

    /// <summary>A timeline's exports: the files a journalist subscribes to or downloads.</summary>
    public static DataGroup Timeline(ReaderContext context, string slug, string heading, string? asOf)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = context.Text;
        var json = TimelineJson(slug);
        var asOfQuery = string.IsNullOrEmpty(asOf) ? "" : $"?asOf={Uri.EscapeDataString(asOf)}";
        return new DataGroup(heading,
        [
            new(t["Data.Json"], context.Link(json), OutputMediaTypes.Json),
            new(t["Data.EventsCsv"], context.Link($"{json}/events.csv"), OutputMediaTypes.Csv),
            new(t["Data.CommitmentsCsv"], context.Link($"{json}/commitments.csv{asOfQuery}"), OutputMediaTypes.Csv),
            new(t["Data.Atom"], context.Link($"{json}/feed.atom"), OutputMediaTypes.Atom),
            new(t["Data.Calendar"], context.Link($"{json}/calendar.ics"), OutputMediaTypes.Calendar),
            new(t["Data.TimelineJs"], context.Link($"{json}/timelinejs"), OutputMediaTypes.Json),
            new(t["Data.Scorecard"], context.Link(ReaderPaths.ScorecardSvg(slug) + asOfQuery), ScorecardSvgMediaType),
        ]);
    }

    public const string ScorecardSvgMediaType = "image/svg+xml";

    /// <summary>The head links of a page that belongs to a timeline: its feed and calendar, for readers that discover them.</summary>
    public static IEnumerable<AlternateLink> TimelineFeeds(ReaderContext context, string slug, string title)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = TimelineJson(slug);
        yield return new AlternateLink(OutputMediaTypes.Atom, context.Absolute($"{json}/feed.atom"), title);
        yield return new AlternateLink(OutputMediaTypes.Calendar, context.Absolute($"{json}/calendar.ics"), title);
    }
}
