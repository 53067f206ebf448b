using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;

namespace Timeline.Api.Features.Reader;

/// <summary>An event as readers see it in a list: the list projection and its sources.</summary>
public sealed record ReaderEvent(EventSummaryResponse Event, IReadOnlyList<SourceResponse> Sources)
{
    public EdtfDate Date { get; } = EdtfDate.Parse(Event.Date.Edtf);
}

/// <summary>A commitment with its whole sourced history (retractions included, marked), oldest first.</summary>
public sealed class ReaderCommitment
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required CommitmentCategory Category { get; init; }
    public DateResponse? Due { get; init; }
    public EventRefResponse? MadeIn { get; init; }
    public required IReadOnlyList<ActorRefResponse> Parties { get; init; }
    public required IReadOnlyList<AssessmentResponse> History { get; init; }

    /// <summary>The assessments that count: not retracted, in the order they took effect.</summary>
    public IEnumerable<AssessmentResponse> Counted => History.Where(a => a.Retraction is null);

    /// <summary>The history under the domain's rules (<see cref="StatusHistory"/>).</summary>
    public StatusHistory Statuses => new(History.Select(Standing.EntryOf));
}

/// <summary>A commitment's status on a day and the assessment its latest unbroken run of that status began with.</summary>
public sealed record Standing(CommitmentStatus? Status, AssessmentResponse? Since)
{
    /// <summary>
    /// The status as the API's <c>asOf</c> reads it: the latest counted assessment whose latest possible day is on or
    /// before <paramref name="day"/> (the history is already in the order assessments took effect).
    /// </summary>
    public static Standing AsOf(ReaderCommitment commitment, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        var history = commitment.Statuses;
        var since = history.RunStartAsOf(day);
        return new Standing(history.StatusAsOf(day), since is null ? null : commitment.History.Single(a => a.Id == since.Id));
    }

    /// <summary>Whether an assessment counts for the status on a day (retracted ones never do).</summary>
    public static bool Counts(AssessmentResponse assessment, DateOnly day) => StatusHistory.Counts(EntryOf(assessment), day);

    /// <summary>A published assessment as an entry of its history: an open end never comes.</summary>
    public static StatusEntry EntryOf(AssessmentResponse assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new StatusEntry(assessment.Id, assessment.Status, assessment.Date.Start ?? DateOnly.MinValue,
            assessment.Date.End ?? DateOnly.MaxValue, assessment.Retraction is not null);
    }
}

/// <summary>The reads of the widget and the public pages, over the API's own projections.</summary>
public static class ReaderData
{
    /// <summary>
    /// The timeline's events in date order (with the widget's filters), each with its sources: the events' list walk,
    /// then the sources of exactly those events by key, a thousand at a time (never a scan of every event's sources).
    /// </summary>
    public static async Task<List<ReaderEvent>> EventsAsync(
        TimelineDbContext db, IFullTextSearch search, TimelineHeader timeline, EventFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(filter);
        var events = await TimelineDocuments.TimelineEventsAsync(db, search, timeline.Id, filter.From, filter.To, filter.Tag, ct);
        var byEvent = new Dictionary<string, List<SourceResponse>>(StringComparer.Ordinal);
        foreach (var slugs in events.Select(e => e.Slug).Chunk(1_000))
        {
            var sources = await db.Events.AsNoTracking()
                .Where(e => slugs.Contains(e.Slug))
                .SelectMany(e => e.Sources, (e, s) => new
                {
                    Event = e.Slug,
                    Source = new SourceResponse { Url = s.Url, Title = s.Title, Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl },
                })
                .ToListAsync(ct);
            foreach (var source in sources)
            {
                if (!byEvent.TryGetValue(source.Event, out var list))
                    byEvent[source.Event] = list = [];
                list.Add(source.Source);
            }
        }

        return [.. events.Select(e => new ReaderEvent(e,
            byEvent.TryGetValue(e.Slug, out var list) ? [.. list.OrderBy(s => s.Url, StringComparer.Ordinal)] : []))];
    }

    /// <summary>
    /// For a reader who asked for a language: the translations of everything a list of events and commitments shows (the
    /// events and their actors, the commitments, their parties, the events they were made in, their assessments and the
    /// events those name), read by key (see <see cref="ContentTexts.LoadAsync"/>), and the timeline's from its header. A
    /// request that asks for no language reads nothing.
    /// </summary>
    public static async Task LoadTextsAsync(
        TimelineDbContext db, ReaderContext context, TimelineHeader? timeline, IEnumerable<ReaderEvent> events, IEnumerable<ReaderCommitment> commitments, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(commitments);
        var texts = ContentTexts.For(context.Request, context.ContentLanguage);
        if (!texts.Chooses)
            return;
        if (timeline is not null)
            texts.Add(timeline);
        var keys = new ContentKeys();
        foreach (var e in events)
            keys.Event(e.Event);
        foreach (var c in commitments)
            Commitment(keys, c);
        context.Texts = await texts.LoadAsync(db, keys, ct);
    }

    /// <summary>What a commitment shows: itself, its parties, where it was made, its assessments and their events.</summary>
    public static ContentKeys Commitment(ContentKeys keys, ReaderCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(commitment);
        keys.Commitments.Add(commitment.Slug);
        keys.Actors.UnionWith(commitment.Parties.Select(p => p.Slug));
        if (commitment.MadeIn is { } madeIn)
            keys.Events.Add(madeIn.Slug);
        foreach (var assessment in commitment.History)
        {
            keys.Assessments.Add(assessment.Id);
            if (assessment.Event is { } e)
                keys.Events.Add(e.Slug);
        }

        return keys;
    }

    /// <summary>The timeline's treaties, each with its parties and whole record (sources included), in the order they were recorded.</summary>
    public static Task<List<Treaty>> TreatiesAsync(TimelineDbContext db, string timelineSlug, CancellationToken ct) =>
        Treaties.TreatyEditor.Whole(db.Treaties.AsNoTracking().Where(t => t.Timelines.Any(x => x.Slug == timelineSlug)))
            .OrderBy(t => t.Id)
            .ToListAsync(ct);

    /// <summary>The timeline's commitments in the order they were made, each with its whole history and sources.</summary>
    public static Task<List<ReaderCommitment>> CommitmentsAsync(TimelineDbContext db, string timelineSlug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Commitments(db.Commitments.AsNoTracking().InTimeline(timelineSlug)).ToListAsync(ct);
    }

    public static Task<ReaderCommitment?> CommitmentAsync(TimelineDbContext db, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Commitments(db.Commitments.AsNoTracking().Where(c => c.Slug == slug)).SingleOrDefaultAsync(ct);
    }

    private static IQueryable<ReaderCommitment> Commitments(IQueryable<Commitment> commitments) => commitments
        .OrderBy(c => c.Id)
        .Select(c => new ReaderCommitment
        {
            Slug = c.Slug,
            Title = c.Title,
            Description = c.Description,
            Category = c.Category,
            Due = DateResponse.FromOptional(c.DueText),
            MadeIn = c.MadeInEvent == null ? null : new EventRefResponse
            {
                Slug = c.MadeInEvent.Slug,
                Title = c.MadeInEvent.Title,
                Date = DateResponse.From(c.MadeInEvent.DateText),
                Status = c.MadeInEvent.Status,
            },
            Parties = c.Parties.OrderBy(p => p.Name).Select(p => new ActorRefResponse { Slug = p.Slug, Name = p.Name }).ToList(),
            History = c.Assessments
                .OrderBy(a => a.DateEnd).ThenBy(a => a.DateStart).ThenBy(a => a.Id)
                .AsQueryable().Select(AssessmentResponse.Projection).ToList(),
        })
        .AsSplitQuery();
}

/// <summary>A quote as a page shows it: the words, who, when, and the source that reported them.</summary>
public sealed record ReaderQuote(string Slug, string Text, string Speaker, string? DateText, SourceResponse Source, string SpeakerSlug);

/// <summary>The reads only the public pages need.</summary>
public static class ReaderPageData
{
    public static Task<List<ReaderQuote>> QuotesOfEventAsync(TimelineDbContext db, string eventSlug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Quotes.AsNoTracking()
            .Where(q => q.Event != null && q.Event.Slug == eventSlug)
            .OrderBy(q => q.DateStart).ThenBy(q => q.Slug)
            .Select(q => new ReaderQuote(
                q.Slug,
                q.Text,
                q.Speaker!.Name,
                q.DateText,
                new SourceResponse { Url = q.Source!.Url, Title = q.Source.Title, Publisher = q.Source.Publisher, Published = q.Source.PublishedText, ArchivedUrl = q.Source.ArchivedUrl },
                q.Speaker.Slug))
            .ToListAsync(ct);
    }

    /// <summary>Titles of the timelines named, in slug order.</summary>
    public static Task<List<TimelineHeader>> TimelinesAsync(TimelineDbContext db, IReadOnlyList<string> slugs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Timelines.AsNoTracking()
            .Where(t => slugs.Contains(t.Slug))
            .OrderBy(t => t.Slug)
            .Select(t => new TimelineHeader(t.Id, t.Slug, t.Title, t.Description, t.Language, t.UpdatedAt, t.Translations))
            .ToListAsync(ct);
    }

    public static Task<List<TimelineHeader>> TimelinesOfCommitmentAsync(TimelineDbContext db, string commitmentSlug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Timelines.AsNoTracking()
            .Where(t => t.Commitments.Any(c => c.Slug == commitmentSlug))
            .OrderBy(t => t.Slug)
            .Select(t => new TimelineHeader(t.Id, t.Slug, t.Title, t.Description, t.Language, t.UpdatedAt, t.Translations))
            .ToListAsync(ct);
    }
}
