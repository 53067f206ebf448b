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
        // Each text in the language asked for; the item's inLanguage is its name's (a translated title, or the original's).
        var name = context.Stored(ContentTexts.Event, e.Slug, "title", e.Title);
        var item = new JsonObject
        {
            ["@type"] = "Event",
            ["name"] = name.Text,
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
        if (context.Stored(ContentTexts.Event, e.Slug, "summary", e.Summary).Text is { } summary)
            item["description"] = summary;
        if (name.Language is { } language)
            item["inLanguage"] = language;
        if (context.Stored(ContentTexts.Event, e.Slug, "place", e.Place).Text is { } place)
            item["location"] = new JsonObject { ["@type"] = "Place", ["name"] = place };
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

    /// <summary>
    /// A treaty as schema.org's <c>Legislation</c>: its parties as those who passed it, its signing date, its force on the day
    /// shown (<c>InForce</c> or <c>NotInForce</c>), and every source of its record as a citation.
    /// </summary>
    public static JsonObject Treaty(ReaderContext context, Treaty treaty, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(treaty);
        var standing = new Treaties.TreatyStanding(treaty, day);
        var item = new JsonObject
        {
            ["@type"] = "Legislation",
            ["name"] = treaty.Title,
            ["legislationType"] = Kebab.ToValue(treaty.Kind),
            ["legislationLegalForce"] = standing.Force.InForce ? "https://schema.org/InForce" : "https://schema.org/NotInForce",
            ["legislationPassedBy"] = new JsonArray([.. treaty.Parties.OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => (JsonNode)new JsonObject
                {
                    ["@type"] = p.Kind == ActorKind.State ? "Country" : "Organization",
                    ["name"] = context.Texts.Choose("name", p.Name, p.Language, p.Translations).Text,
                })]),
            ["citation"] = new JsonArray([.. treaty.Actions.Where(a => a.RetractedAt is null).SelectMany(a => a.Sources).Select(s => s.Url)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(url => (JsonNode)url)]),
        };
        if (treaty.ShortTitle is not null)
            item["alternateName"] = treaty.ShortTitle;
        if (treaty.SignedText is not null)
            item["legislationDate"] = ReaderMarkup.MachineDate(EdtfDate.Parse(treaty.SignedText));
        if (treaty.Description is not null)
            item["description"] = treaty.Description;
        if (treaty.TextUrl is not null)
            item["url"] = treaty.TextUrl;
        if (context.ContentLanguage is { } language)
            item["inLanguage"] = language;
        return item;
    }
}
