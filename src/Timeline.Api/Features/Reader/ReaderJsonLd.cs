using System.Globalization;
using System.Text.Json.Nodes;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Reader;

/// <summary>schema.org descriptions of what the pages show; every <c>url</c> is a reader page, never the JSON API.</summary>
public static class ReaderJsonLd
{
    public const string Context = "https://schema.org";

    public static JsonObject Event(ReaderContext context, EventSummaryResponse e, EdtfDate date, IReadOnlyList<SourceResponse> sources)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(sources);
        var item = new JsonObject
        {
            ["@type"] = "Event",
            ["name"] = e.Title,
            ["startDate"] = ReaderMarkup.MachineDate(date),
            ["eventStatus"] = EventOutcomes.Of(e.Status, date, context.Today) switch
            {
                EventOutcome.Cancelled or EventOutcome.NeverHeld => "https://schema.org/EventCancelled",
                EventOutcome.Postponed => "https://schema.org/EventPostponed",
                _ => "https://schema.org/EventScheduled",
            },
            ["url"] = context.Absolute(ReaderPaths.Event(e.Slug)),
        };
        if (date.IsInterval && date.End != DateOnly.MaxValue)
            item["endDate"] = date.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (e.Summary is not null)
            item["description"] = e.Summary;
        if (context.ContentLanguage is { } language)
            item["inLanguage"] = language;
        if (e.Place is not null)
            item["location"] = new JsonObject { ["@type"] = "Place", ["name"] = e.Place };
        if (sources.Count > 0)
            item["subjectOf"] = Sources(sources);
        return item;
    }

    /// <summary>Cited publications as schema.org creative works.</summary>
    public static JsonArray Sources(IEnumerable<SourceResponse> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var array = new JsonArray();
        foreach (var source in sources)
        {
            var work = new JsonObject { ["@type"] = "CreativeWork", ["url"] = source.Url };
            if (source.Title is not null)
                work["name"] = source.Title;
            if (source.Publisher is not null)
                work["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = source.Publisher };
            if (source.Published is not null && EdtfDate.TryParse(source.Published, out EdtfDate? published, out string? _))
                work["datePublished"] = ReaderMarkup.MachineDate(published);
            if (source.ArchivedUrl is not null)
                work["archivedAt"] = source.ArchivedUrl;
            array.Add(work);
        }

        return array;
    }
}
