using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;

namespace Timeline.Api.Infrastructure.Writes;

/// <summary>Resolves the slugs and URLs a write refers to, recording a field failure for each that does not exist.</summary>
public sealed class References(TimelineDbContext db, List<ValidationFailure> failures)
{
    public async Task<List<TimelineStory>> TimelinesAsync(IReadOnlyList<string> slugs, string field, CancellationToken ct)
    {
        var found = await db.Timelines.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, ct);
        return Resolve(slugs, found, field, "timeline");
    }

    public async Task<List<Actor>> ActorsAsync(IReadOnlyList<string> slugs, string field, CancellationToken ct)
    {
        var found = await db.Actors.Where(a => slugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, ct);
        return Resolve(slugs, found, field, "actor");
    }

    public async Task<List<Event>> EventsAsync(IReadOnlyList<string> slugs, string field, CancellationToken ct)
    {
        var found = await db.Events.Where(e => slugs.Contains(e.Slug)).ToDictionaryAsync(e => e.Slug, ct);
        return Resolve(slugs, found, field, "event");
    }

    public async Task<Event?> EventAsync(string? slug, string field, CancellationToken ct) =>
        slug is null ? null : (await EventsAsync([slug], field, ct)).SingleOrDefault();

    public async Task<Commitment?> CommitmentAsync(string? slug, string field, CancellationToken ct)
    {
        if (slug is null)
            return null;
        var found = await db.Commitments.Where(c => c.Slug == slug).ToDictionaryAsync(c => c.Slug, ct);
        return Resolve([slug], found, field, "commitment").SingleOrDefault();
    }

    /// <summary>Existing sources by URL, and new ones for URLs not cited before.</summary>
    public async Task<List<Source>> SourcesAsync(IReadOnlyList<SourceInput> inputs, CancellationToken ct)
    {
        var urls = inputs.Select(s => s.Url).Distinct(StringComparer.Ordinal).ToList();
        var found = await db.Sources.IgnoreQueryFilters().Where(s => urls.Contains(s.Url)).ToDictionaryAsync(s => s.Url, StringComparer.Ordinal, ct);
        var sources = new List<Source>();
        foreach (var input in inputs.DistinctBy(s => s.Url))
        {
            // Citing the URL of a deleted source brings the source back: a fact cannot cite something hidden.
            if (found.TryGetValue(input.Url, out var deleted) && deleted.DeletedAt is not null)
            {
                deleted.DeletedAt = null;
                deleted.Version++;
            }

            if (!found.TryGetValue(input.Url, out var source))
            {
                source = new Source
                {
                    Url = input.Url,
                    Title = input.Title,
                    Publisher = input.Publisher,
                    PublishedText = input.Published,
                    ArchivedUrl = input.ArchivedUrl,
                    Version = 1,
                };
                found[input.Url] = source;
            }

            sources.Add(source);
        }

        return sources;
    }

    private List<T> Resolve<T>(IReadOnlyList<string> slugs, Dictionary<string, T> found, string field, string kind)
    {
        var resolved = new List<T>();
        for (var i = 0; i < slugs.Count; i++)
        {
            if (found.TryGetValue(slugs[i], out var item))
                resolved.Add(item);
            else
                failures.Add(new ValidationFailure(field.Replace("{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), $"There is no {kind} with slug '{slugs[i]}'."));
        }

        return resolved;
    }
}
