using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Events;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Common;

/// <summary>The timeline header the exports, the widget and the pages put on top, with its translations (read with its row).</summary>
public sealed record TimelineHeader(
    long Id, string Slug, string Title, string? Description, string Language, DateTimeOffset UpdatedAt, TextTranslations? Translations = null);

/// <summary>Reads shared by the whole documents (exports, widget, pages), over the same queries as the JSON lists.</summary>
public static class TimelineDocuments
{
    public static Task<TimelineHeader?> FindTimelineAsync(TimelineDbContext db, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Timelines.AsNoTracking()
            .Where(t => t.Slug == slug)
            .Select(t => new TimelineHeader(t.Id, t.Slug, t.Title, t.Description, t.Language, t.UpdatedAt, t.Translations))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Every event of a timeline in date order, with optional date and tag filters (the widget's); exports are
    /// whole documents, read in keyset pages (see <see cref="EventList.WalkAsync"/>).
    /// </summary>
    public static Task<List<EventSummaryResponse>> TimelineEventsAsync(
        TimelineDbContext db, IFullTextSearch search, long timelineId, DateOnly? from, DateOnly? to, string? tag, CancellationToken cancellationToken) =>
        EventList.AllAsync(db, search, new EventPageFilter([timelineId], [], Tag: tag, From: from, To: to), descending: false, cancellationToken);

    /// <summary>
    /// A timeline's commitments in the order they were made, each with its current status and the day that
    /// status was first recorded in its latest unbroken run (a "stalled" re-confirmed later still changed when it first stalled).
    /// </summary>
    public static async Task<List<CommitmentStanding>> StandingsAsync(TimelineDbContext db, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Commitments.AsNoTracking().InTimeline(slug)
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Slug,
                c.Title,
                c.Category,
                c.DueText,
                History = c.Assessments
                    .Where(a => a.RetractedAt == null)
                    .OrderBy(a => a.DateEnd).ThenBy(a => a.DateStart).ThenBy(a => a.Id)
                    .Select(a => new { a.Status, a.DateText })
                    .ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return [.. rows.Select(r =>
        {
            CommitmentStatus? status = r.History.Count == 0 ? null : r.History[^1].Status;
            string? since = null;
            for (var i = r.History.Count - 1; i >= 0 && r.History[i].Status == status; i--)
                since = r.History[i].DateText;
            return new CommitmentStanding(r.Slug, r.Title, r.Category, status, DateResponse.FromOptional(since), DateResponse.FromOptional(r.DueText));
        })];
    }
}

/// <summary>A commitment's current status and the date it last changed.</summary>
public sealed record CommitmentStanding(
    string Slug, string Title, CommitmentCategory Category, CommitmentStatus? Status, DateResponse? StatusSince, DateResponse? Due);

/// <summary>A stored text as a reader gets it, and the language it is in (null when not known: a page outside any timeline).</summary>
public readonly record struct ChosenText(string? Text, string? Language);

/// <summary>The keys of the records a whole document shows, whose translations a request in another language reads.</summary>
public sealed class ContentKeys
{
    public HashSet<string> Events { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Commitments { get; } = new(StringComparer.Ordinal);
    public HashSet<long> Assessments { get; } = [];
    public HashSet<string> Actors { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Quotes { get; } = new(StringComparer.Ordinal);

    /// <summary>An event of a list, with its actors.</summary>
    public ContentKeys Event(EventSummaryResponse e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Events.Add(e.Slug);
        Actors.UnionWith(e.Actors.Select(a => a.Slug));
        return this;
    }
}

/// <summary>
/// The stored texts of a whole document (the widget, a page, a feed, a calendar, an export) in the language asked for.
/// A request that asks for one (<c>?lang=</c>, else <c>Accept-Language</c>) reads the languages and translations of
/// exactly the records the document shows, by key, one statement per kind of record (<see cref="LoadAsync"/>), and each
/// text is picked by the API's rule, <see cref="Translatable.Choose"/> (the languages asked for in order, then the
/// record's original, then English), with the language it is in, so that the document can mark it (<c>lang</c>,
/// <c>xml:lang</c>, <c>LANGUAGE</c>, <c>inLanguage</c>). A request that asks for none reads nothing more, and every text
/// is its original, in the document's content language (the timeline's), as before.
/// </summary>
public sealed class ContentTexts
{
    public const string Timeline = "timeline";
    public const string Event = "event";
    public const string Commitment = "commitment";
    public const string Assessment = "assessment";
    public const string Actor = "actor";
    public const string Quote = "quote";

    private readonly Dictionary<(string Kind, string Key), (string Language, TextTranslations? Translations)> _records = [];

    private ContentTexts(IReadOnlyList<string> preferences, string? contentLanguage)
    {
        Preferences = preferences;
        ContentLanguage = contentLanguage;
    }

    /// <summary>Every text as written, in <paramref name="contentLanguage"/>: what a request that asks for no language gets.</summary>
    public static ContentTexts Originals(string? contentLanguage) => new([], contentLanguage);

    /// <summary>For a request, before anything is read: records already in memory are added with <c>Add</c>.</summary>
    public static ContentTexts For(HttpRequest request, string? contentLanguage) => new(InterfaceLanguages.Preferences(request), contentLanguage);

    /// <summary>The languages asked for, most preferred first; empty when none was.</summary>
    public IReadOnlyList<string> Preferences { get; }

    /// <summary>True when a language was asked for, so texts are chosen (and their translations read).</summary>
    public bool Chooses => Preferences.Count > 0;

    /// <summary>The language of the document's stored texts as written (the timeline's).</summary>
    public string? ContentLanguage { get; }

    /// <summary>The language of the first main text chosen (a title): a CSV's <c>Content-Language</c>.</summary>
    public string? FirstLanguage { get; private set; }

    /// <summary>
    /// Reads the languages and translations of the records named by <paramref name="keys"/> (nothing when no language was
    /// asked for): one statement per kind, a thousand keys at a time; records already added are not read again.
    /// </summary>
    public async Task<ContentTexts> LoadAsync(TimelineDbContext db, ContentKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        if (!Chooses)
            return this;
        await ReadAsync(Event, keys.Events, slugs => db.Events.AsNoTracking().Where(e => EF.Parameter(slugs).Contains(e.Slug))
            .Select(e => new KeyedTexts<string>(e.Slug, e.Language, e.Translations)), cancellationToken);
        await ReadAsync(Commitment, keys.Commitments, slugs => db.Commitments.AsNoTracking().Where(c => EF.Parameter(slugs).Contains(c.Slug))
            .Select(c => new KeyedTexts<string>(c.Slug, c.Language, c.Translations)), cancellationToken);
        await ReadAsync(Assessment, keys.Assessments, ids => db.Assessments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id))
            .Select(a => new KeyedTexts<long>(a.Id, a.Language, a.Translations)), cancellationToken);
        await ReadAsync(Actor, keys.Actors, slugs => db.Actors.AsNoTracking().Where(a => EF.Parameter(slugs).Contains(a.Slug))
            .Select(a => new KeyedTexts<string>(a.Slug, a.Language, a.Translations)), cancellationToken);
        await ReadAsync(Quote, keys.Quotes, slugs => db.Quotes.AsNoTracking().Where(q => EF.Parameter(slugs).Contains(q.Slug))
            .Select(q => new KeyedTexts<string>(q.Slug, q.Language, q.Translations)), cancellationToken);
        return this;
    }

    /// <summary>A record's key, language and translations, as <see cref="LoadAsync"/> reads them.</summary>
    private sealed record KeyedTexts<TKey>(TKey Key, string Language, TextTranslations? Translations);

    /// <summary>The records of one kind not known yet, read by key a thousand at a time (each key list one parameter).</summary>
    private async Task ReadAsync<TKey>(string kind, IEnumerable<TKey> keys, Func<List<TKey>, IQueryable<KeyedTexts<TKey>>> query, CancellationToken cancellationToken)
        where TKey : notnull
    {
        foreach (var chunk in keys.Where(k => !_records.ContainsKey((kind, KeyText(k)))).Chunk(1_000))
        {
            foreach (var record in await query([.. chunk]).ToListAsync(cancellationToken))
                Add(kind, KeyText(record.Key), record.Language, record.Translations);
        }
    }

    private static string KeyText<TKey>(TKey key) where TKey : notnull =>
        Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>A record whose language and translations are already in memory (a timeline's header, a treaty's parties).</summary>
    public ContentTexts Add(string kind, string key, string language, TextTranslations? translations)
    {
        _records[(kind, key)] = (language, translations);
        return this;
    }

    public ContentTexts Add(TimelineHeader timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return Add(Timeline, timeline.Slug, timeline.Language, timeline.Translations);
    }

    /// <summary>
    /// One text of a record read by <see cref="LoadAsync"/> or added: chosen when a language was asked for and the record
    /// is known, else the original in the content language.
    /// </summary>
    /// <param name="kind">A key of <see cref="Translatable.Fields"/> (<see cref="Event"/>, <see cref="Actor"/>...).</param>
    /// <param name="key">Its slug (an assessment's id).</param>
    /// <param name="field">The field, as <see cref="Translatable.Fields"/> names it.</param>
    /// <param name="original">The record's own text.</param>
    public ChosenText Choose(string kind, string key, string field, string? original)
    {
        if (!Chooses || !_records.TryGetValue((kind, key), out var record))
            return Chosen(new ChosenText(original, ContentLanguage));
        return Choose(field, original, record.Language, record.Translations);
    }

    public ChosenText Choose(string kind, long key, string field, string? original) =>
        Choose(kind, key.ToString(System.Globalization.CultureInfo.InvariantCulture), field, original);

    /// <summary>One text of a record in memory (an entity with its translations).</summary>
    public ChosenText Choose(string field, string? original, string language, TextTranslations? translations)
    {
        if (!Chooses)
            return Chosen(new ChosenText(original, ContentLanguage));
        var (text, used) = Translatable.Choose(Preferences, field, original, language, translations);
        return Chosen(new ChosenText(text, used));
    }

    /// <summary>The text alone, for outputs that cannot say its language.</summary>
    public string? Text(string kind, string key, string field, string? original) => Choose(kind, key, field, original).Text;

    /// <summary>A required text (a title, a name): the original when nothing else is found.</summary>
    public string Required(string kind, string key, string field, string original) => Choose(kind, key, field, original).Text ?? original;

    private ChosenText Chosen(ChosenText text)
    {
        if (text.Text is not null)
            FirstLanguage ??= text.Language;
        return text;
    }

    /// <summary>
    /// The headers of a document without interface words (a CSV): <c>Vary: Accept-Language</c>, and when a language was
    /// asked for, <c>Content-Language</c> naming the language of its first text.
    /// </summary>
    public void Announce(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, Microsoft.Net.Http.Headers.HeaderNames.AcceptLanguage);
        if (Chooses && FirstLanguage is not null)
            response.Headers.ContentLanguage = FirstLanguage;
    }
}
