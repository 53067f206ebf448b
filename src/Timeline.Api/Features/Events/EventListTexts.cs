using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Events;

/// <summary>
/// Event list items in the language asked for. Each item is stored JSON in its record's original language (the read
/// model that keeps lists fast, see <see cref="EventListing"/>), so a request that asks for a language reads the page's
/// translations by key — the events', then their actors' — and replaces the texts of each item; one that asks for none
/// is the stored JSON untouched.
/// </summary>
public static class EventListTexts
{
    private static readonly (string Member, string Field)[] EventTexts = [("title", "title"), ("summary", "summary"), ("place", "place"), ("note", "note")];

    public static async Task<List<string>> ChooseAsync(
        TimelineDbContext db, IReadOnlyList<long> eventIds, List<string> items, TextChooser texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Preferences.Count == 0 || items.Count == 0)
            return items;

        var events = await db.Events.AsNoTracking().Where(e => EF.Parameter(eventIds).Contains(e.Id))
            .Select(e => new { e.Id, e.Language, e.Translations })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var parsed = items.Select(item => JsonNode.Parse(item)!.AsObject()).ToList();
        var actorSlugs = parsed.SelectMany(item => item["actors"]?.AsArray() ?? []).Select(a => (string)a!["slug"]!).Distinct().ToList();
        var actors = await db.Actors.AsNoTracking().Where(a => EF.Parameter(actorSlugs).Contains(a.Slug))
            .Select(a => new { a.Slug, a.Language, a.Translations })
            .ToDictionaryAsync(a => a.Slug, StringComparer.Ordinal, cancellationToken);

        var chosen = new List<string>(items.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var item = parsed[i];
            var e = events[eventIds[i]];
            foreach (var (member, field) in EventTexts)
            {
                if (item[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    item[member] = texts.Text($"/items/{i}/{member}", field, (string)value!, e.Language, e.Translations);
            }

            var people = item["actors"]?.AsArray() ?? [];
            for (var j = 0; j < people.Count; j++)
            {
                var actor = people[j]!.AsObject();
                if (actors.TryGetValue((string)actor["slug"]!, out var a))
                    actor["name"] = texts.Required($"/items/{i}/actors/{j}/name", "name", (string)actor["name"]!, a.Language, a.Translations);
            }

            chosen.Add(item.ToJsonString(TimelineApp.Json));
        }

        return chosen;
    }
}
