using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Import;
using Timeline.Api.Data.Queries;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Export;

/// <summary>One timeline read back out of the database in the data-file model, with the actors it names.</summary>
public sealed record TimelineExport(
    TimelineData Timeline,
    IReadOnlyList<ActorData> Actors,
    IReadOnlyList<EventData> Events,
    IReadOnlyList<CommitmentData> Commitments,
    IReadOnlyList<QuoteData> Quotes,
    IReadOnlyList<TreatyData> Treaties);

/// <summary>
/// Reads a timeline back out of the database in the data format the importer reads (written by
/// <see cref="DataFileWriter"/>), so that importing the result into an empty database gives the same timeline.
/// One read-only query per kind of record (split for child collections): no N+1.
/// </summary>
public sealed class DataSetExporter(TimelineDbContext db)
{
    /// <summary>Reads a timeline and everything it names; null when there is no timeline with that slug.</summary>
    public async Task<TimelineExport?> ReadAsync(string timelineSlug, CancellationToken cancellationToken)
    {
        var timeline = await db.Timelines.AsNoTracking()
            .Where(t => t.Slug == timelineSlug)
            .Select(t => new TimelineData { Slug = t.Slug, Title = t.Title, Description = t.Description, Language = t.Language, Translations = TranslationData.FromDomain(t.Translations) })
            .SingleOrDefaultAsync(cancellationToken);
        if (timeline is null)
            return null;

        var events = await ReadEventsAsync(timelineSlug, cancellationToken);
        var commitments = await ReadCommitmentsAsync(timelineSlug, cancellationToken);
        var quotes = await ReadQuotesAsync(timelineSlug, cancellationToken);
        var treaties = await ReadTreatiesAsync(timelineSlug, cancellationToken);

        var named = events.SelectMany(e => (e.Actors ?? []).Select(a => a.Actor))
            .Concat(commitments.SelectMany(c => c.Parties ?? []))
            .Concat(quotes.Select(q => q.Speaker))
            .Concat(treaties.SelectMany(t => t.Parties))
            .ToHashSet(StringComparer.Ordinal);
        var actors = await db.Actors.AsNoTracking()
            .Where(a => named.Contains(a.Slug))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Slug, a.Name, a.Kind, a.Description, a.Language, a.Translations, Aliases = a.Aliases.OrderBy(x => x.Id).Select(x => x.Name).ToList() })
            .ToListAsync(cancellationToken);

        return new TimelineExport(
            timeline,
            [.. actors.Select(a => new ActorData
            {
                Slug = a.Slug,
                Name = a.Name,
                Kind = Kebab.ToValue(a.Kind),
                Description = a.Description,
                Aliases = NullIfEmpty(a.Aliases),
                Language = LanguageText(a.Language),
                Translations = TranslationData.FromDomain(a.Translations),
            })],
            events,
            commitments,
            quotes,
            treaties);
    }

    private async Task<List<TreatyData>> ReadTreatiesAsync(string timelineSlug, CancellationToken cancellationToken)
    {
        var rows = await db.Treaties.AsNoTracking()
            .Where(t => t.Timelines.Any(x => x.Slug == timelineSlug))
            .OrderBy(t => t.Id)
            .Select(t => new
            {
                t.Slug,
                t.Title,
                t.ShortTitle,
                t.Kind,
                t.Description,
                t.SignedText,
                t.Place,
                t.TextUrl,
                Event = t.Event == null ? null : t.Event.Slug,
                Parties = t.Parties.OrderBy(p => p.Id).Select(p => p.Slug).ToList(),
                // In the order they took effect; a retracted action no longer counts and would come back live on import.
                Actions = t.Actions.Where(a => a.RetractedAt == null).OrderBy(a => a.DateEnd).ThenBy(a => a.DateStart).ThenBy(a => a.Id).Select(a => new
                {
                    Party = a.Party == null ? null : a.Party.Slug,
                    a.Kind,
                    a.DateText,
                    a.Body,
                    Event = a.Event == null ? null : a.Event.Slug,
                    a.Note,
                    Sources = a.Sources.OrderBy(s => s.Id).ToList(),
                }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return [.. rows.Select(t => new TreatyData
        {
            Slug = t.Slug,
            Title = t.Title,
            ShortTitle = t.ShortTitle,
            Kind = Kebab.ToValue(t.Kind),
            Description = t.Description,
            SignedOn = t.SignedText,
            Place = t.Place,
            TextUrl = t.TextUrl,
            Event = t.Event,
            Parties = t.Parties,
            Actions = [.. t.Actions.Select(a => new TreatyActionData
            {
                Party = a.Party,
                Kind = Kebab.ToValue(a.Kind),
                Date = a.DateText,
                Body = a.Body,
                Event = a.Event,
                Note = a.Note,
                Sources = [.. a.Sources.Select(ToData)],
            })],
        })];
    }

    private async Task<List<EventData>> ReadEventsAsync(string timelineSlug, CancellationToken cancellationToken)
    {
        var rows = await db.Events.AsNoTracking()
            .InTimeline(timelineSlug)
            .OrderBy(e => e.DateStart).ThenBy(e => e.DateEnd).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Slug,
                e.Title,
                e.Summary,
                e.DateText,
                e.Kind,
                e.Status,
                e.Place,
                e.Confidence,
                e.Note,
                e.Language,
                e.Translations,
                Actors = e.Actors.OrderBy(a => a.ActorId).Select(a => new { a.Actor!.Slug, a.Role }).ToList(),
                Tags = e.Tags.OrderBy(t => t.Tag).Select(t => t.Tag).ToList(),
                Related = e.Relations.OrderBy(r => r.RelatedEvent!.DateStart).ThenBy(r => r.RelatedEventId)
                    .Select(r => new { r.RelatedEvent!.Slug, r.Relation }).ToList(),
                Sources = e.Sources.OrderBy(s => s.Id).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return [.. rows.Select(e => new EventData
        {
            Slug = e.Slug,
            Title = e.Title,
            Summary = e.Summary,
            Date = e.DateText,
            Kind = Kebab.ToValue(e.Kind),
            Status = Kebab.ToValue(e.Status),
            Place = e.Place,
            Actors = NullIfEmpty([.. e.Actors.Select(a => new EventActorData { Actor = a.Slug, Role = Kebab.ToValue(a.Role) })]),
            Tags = NullIfEmpty(e.Tags),
            Related = NullIfEmpty([.. e.Related.Select(r => new RelatedEventData { Event = r.Slug, Relation = Kebab.ToValue(r.Relation) })]),
            Confidence = ConfidenceText(e.Confidence),
            Note = e.Note,
            Sources = [.. e.Sources.Select(ToData)],
            Language = LanguageText(e.Language),
            Translations = TranslationData.FromDomain(e.Translations),
        })];
    }

    private async Task<List<CommitmentData>> ReadCommitmentsAsync(string timelineSlug, CancellationToken cancellationToken)
    {
        var rows = await db.Commitments.AsNoTracking()
            .Where(c => c.Timelines.Any(t => t.Slug == timelineSlug))
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Slug,
                c.Title,
                c.Description,
                c.Category,
                c.Language,
                c.Translations,
                Parties = c.Parties.OrderBy(p => p.Id).Select(p => p.Slug).ToList(),
                MadeIn = c.MadeInEvent == null ? null : c.MadeInEvent.Slug,
                Treaties = c.Treaties.OrderBy(t => t.Id).Select(t => t.Slug).ToList(),
                c.DueText,
                // Oldest first, as editors write them; (date, status) is unique, the id keeps file order on a tie.
                // A retracted assessment no longer counts; exporting it as live would bring it back on import.
                Assessments = c.Assessments.Where(a => a.RetractedAt == null).OrderBy(a => a.DateEnd).ThenBy(a => a.DateStart).ThenBy(a => a.Id).Select(a => new
                {
                    a.DateText,
                    a.Status,
                    a.Summary,
                    Event = a.Event == null ? null : a.Event.Slug,
                    a.Confidence,
                    a.Note,
                    a.Language,
                    a.Translations,
                    Sources = a.Sources.OrderBy(s => s.Id).ToList(),
                }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return [.. rows.Select(c => new CommitmentData
        {
            Slug = c.Slug,
            Title = c.Title,
            Description = c.Description,
            Category = Kebab.ToValue(c.Category),
            Parties = NullIfEmpty(c.Parties),
            MadeIn = c.MadeIn,
            Treaties = NullIfEmpty(c.Treaties),
            Due = c.DueText,
            Language = LanguageText(c.Language),
            Translations = TranslationData.FromDomain(c.Translations),
            Assessments = [.. c.Assessments.Select(a => new AssessmentData
            {
                Date = a.DateText,
                Status = Kebab.ToValue(a.Status),
                Summary = a.Summary,
                Event = a.Event,
                Confidence = ConfidenceText(a.Confidence),
                Note = a.Note,
                Sources = [.. a.Sources.Select(ToData)],
                Language = LanguageText(a.Language),
                Translations = TranslationData.FromDomain(a.Translations),
            })],
        })];
    }

    private Task<List<QuoteData>> ReadQuotesAsync(string timelineSlug, CancellationToken cancellationToken) =>
        db.Quotes.AsNoTracking()
            .Where(q => q.Timelines.Any(t => t.Slug == timelineSlug))
            .OrderBy(q => q.Id)
            .Select(q => new QuoteData
            {
                Slug = q.Slug,
                Text = q.Text,
                Speaker = q.Speaker!.Slug,
                Date = q.DateText,
                Event = q.Event == null ? null : q.Event.Slug,
                Commitment = q.Commitment == null ? null : q.Commitment.Slug,
                Language = q.Language == Translatable.English ? null : q.Language,
                Translations = TranslationData.FromDomain(q.Translations),
                Source = new SourceData
                {
                    Url = q.Source!.Url,
                    Title = q.Source.Title,
                    Publisher = q.Source.Publisher,
                    Published = q.Source.PublishedText,
                    ArchivedUrl = q.Source.ArchivedUrl,
                    Language = q.Source.Language == Translatable.English ? null : q.Source.Language,
                    Translations = TranslationData.FromDomain(q.Source.Translations),
                },
            })
            .ToListAsync(cancellationToken);

    private static SourceData ToData(Source source) => new()
    {
        Url = source.Url,
        Title = source.Title,
        Publisher = source.Publisher,
        Published = source.PublishedText,
        ArchivedUrl = source.ArchivedUrl,
        Language = LanguageText(source.Language),
        Translations = TranslationData.FromDomain(source.Translations),
    };

    /// <summary>A record's language as a file gives it: left out when it is English, the default.</summary>
    private static string? LanguageText(string language) => language == Translatable.English ? null : language;

    private static string? ConfidenceText(Confidence? confidence) => confidence is { } c ? Kebab.ToValue(c) : null;

    private static List<T>? NullIfEmpty<T>(List<T> items) => items.Count == 0 ? null : items;
}
