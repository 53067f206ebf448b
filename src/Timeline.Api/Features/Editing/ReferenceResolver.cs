using System.Globalization;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;

namespace Timeline.Api.Features.Editing;

/// <summary>
/// Resolves the slugs and URLs a write refers to, recording a failure on the field of each one that does not exist.
/// What the resource already refers to is passed in as known and costs no query: a PATCH that changes a title looks
/// nothing up, and one that adds an actor looks up that actor alone.
/// </summary>
public sealed class ReferenceResolver(TimelineDbContext db)
{
    public List<ValidationFailure> Failures { get; } = [];

    public Task<List<TimelineStory>> TimelinesAsync(IReadOnlyList<string> slugs, IEnumerable<TimelineStory> known, string field, CancellationToken ct) =>
        ResolveAsync(slugs, known, t => t.Slug, unknown => db.Timelines.Where(t => unknown.Contains(t.Slug)), field, "timeline", ct);

    public Task<List<Actor>> ActorsAsync(IReadOnlyList<string> slugs, IEnumerable<Actor> known, string field, CancellationToken ct) =>
        ResolveAsync(slugs, known, a => a.Slug, unknown => db.Actors.Where(a => unknown.Contains(a.Slug)), field, "actor", ct);

    public Task<List<Event>> EventsAsync(IReadOnlyList<string> slugs, IEnumerable<Event> known, string field, CancellationToken ct) =>
        ResolveAsync(slugs, known, e => e.Slug, unknown => db.Events.Where(e => unknown.Contains(e.Slug)), field, "event", ct);

    public Task<List<Commitment>> CommitmentsAsync(IReadOnlyList<string> slugs, IEnumerable<Commitment> known, string field, CancellationToken ct) =>
        ResolveAsync(slugs, known, c => c.Slug, unknown => db.Commitments.Where(c => unknown.Contains(c.Slug)), field, "commitment", ct);

    public Task<List<Treaty>> TreatiesAsync(IReadOnlyList<string> slugs, IEnumerable<Treaty> known, string field, CancellationToken ct) =>
        ResolveAsync(slugs, known, t => t.Slug, unknown => db.Treaties.Where(t => unknown.Contains(t.Slug)), field, "treaty", ct);

    /// <summary>One optional reference (<c>madeIn</c>, <c>event</c>): null when not given, or when it does not resolve.</summary>
    public async Task<T?> OneAsync<T>(string? slug, T? known, Func<IReadOnlyList<string>, IEnumerable<T>, string, CancellationToken, Task<List<T>>> resolve,
        string field, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return slug is null ? null : (await resolve([slug], known is null ? [] : [known], field, ct)).SingleOrDefault();
    }

    /// <summary>Existing sources by URL (a deleted one comes back: a fact cannot cite something hidden), and new ones for URLs not cited before.</summary>
    public async Task<List<Source>> SourcesAsync(IReadOnlyList<SourceInput> inputs, IEnumerable<Source> known, CancellationToken ct)
    {
        var found = known.DistinctBy(s => s.Url).ToDictionary(s => s.Url, StringComparer.Ordinal);
        var unknown = inputs.Select(s => s.Url).Where(url => !found.ContainsKey(url)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            foreach (var source in await db.Sources.IgnoreQueryFilters().Where(s => unknown.Contains(s.Url)).ToListAsync(ct))
            {
                if (source.DeletedAt is not null)
                {
                    source.DeletedAt = null;
                    source.Version++;
                }

                found[source.Url] = source;
            }
        }

        var sources = new List<Source>();
        foreach (var input in inputs.DistinctBy(s => s.Url))
        {
            if (!found.TryGetValue(input.Url, out var source))
            {
                source = new Source
                {
                    Url = input.Url, Title = input.Title, Publisher = input.Publisher, PublishedText = input.Published, ArchivedUrl = input.ArchivedUrl, Version = 1,
                };
                found[input.Url] = source;
            }

            sources.Add(source);
        }

        return sources;
    }

    private async Task<List<T>> ResolveAsync<T>(IReadOnlyList<string> slugs, IEnumerable<T> known, Func<T, string> slugOf,
        Func<List<string>, IQueryable<T>> lookUp, string field, string kind, CancellationToken ct)
    {
        var found = known.DistinctBy(slugOf).ToDictionary(slugOf, StringComparer.Ordinal);
        var unknown = slugs.Where(slug => !found.ContainsKey(slug)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            foreach (var item in await lookUp(unknown).ToListAsync(ct))
                found[slugOf(item)] = item;
        }

        var resolved = new List<T>();
        for (var i = 0; i < slugs.Count; i++)
        {
            if (found.TryGetValue(slugs[i], out var item))
                resolved.Add(item);
            else
                Failures.Add(new ValidationFailure(field.Replace("{i}", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), $"There is no {kind} with slug '{slugs[i]}'."));
        }

        return resolved;
    }
}
