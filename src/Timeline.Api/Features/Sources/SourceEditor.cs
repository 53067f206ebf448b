using System.Globalization;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources;

/// <summary>How sources are loaded, written and represented, for GET and every write alike. A source's key is its id.</summary>
public static class SourceEditor
{
    public const string ResourceType = "source";

    public static string PathOf(long id) => $"/api/v1/sources/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string KeyOf(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The source with this id and its representation (tracked when <paramref name="sources"/> tracks), or null.</summary>
    public static async Task<Represented<Source>?> LoadAsync(IQueryable<Source> sources, string id, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            return null;
        var source = await sources.SingleOrDefaultAsync(s => s.Id == key, ct);
        return source is null ? null : new(source, Representation.Of(Represent(source)));
    }

    /// <summary>The representation, its title chosen by <paramref name="texts"/> (the original when null).</summary>
    public static SourceDetailResponse Represent(Source source, TextChooser? texts = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        texts ??= TextChooser.Originals();
        return new()
        {
            Id = source.Id, Url = source.Url, Title = texts.Text("/title", "title", source.Title, source.Language, source.Translations), Publisher = source.Publisher,
            Published = source.PublishedText, ArchivedUrl = source.ArchivedUrl, Fallbacks = texts.Fallbacks,
        };
    }

    /// <summary>True when a source (deleted ones included) already has this URL.</summary>
    public static Task<bool> UrlTakenAsync(TimelineDbContext db, string url, CancellationToken ct) =>
        db.Sources.IgnoreQueryFilters().AnyAsync(s => s.Url == url, ct);

    public static SourceWriteRequest ToWrite(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new() { Url = source.Url, Title = source.Title, Publisher = source.Publisher, Published = source.PublishedText, ArchivedUrl = source.ArchivedUrl };
    }

    /// <summary>Makes the source match the write; a URL another source has is a failure on <c>url</c>.</summary>
    public static async Task<List<ValidationFailure>> ApplyAsync(TimelineDbContext db, Source source, SourceWriteRequest write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(write);
        if (write.Url != source.Url && await UrlTakenAsync(db, write.Url, ct))
            return [new ValidationFailure("url", $"Another source already has the URL '{write.Url}'.")];

        source.Url = write.Url;
        source.Title = write.Title;
        source.Publisher = write.Publisher;
        source.PublishedText = write.Published;
        source.ArchivedUrl = write.ArchivedUrl;
        return [];
    }

    /// <summary>What still cites the source and so forbids deleting it (null when nothing does).</summary>
    public static async Task<string?> BlockingReferenceAsync(TimelineDbContext db, Source source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(source);
        var id = source.Id;
        var @event = await db.Events.Where(e => e.Sources.Any(s => s.Id == id)).Select(e => e.Slug).FirstOrDefaultAsync(ct);
        if (@event is not null)
            return $"the event '{@event}'";
        var assessed = await db.Assessments.Where(a => a.Sources.Any(s => s.Id == id)).Select(a => a.Id).FirstOrDefaultAsync(ct);
        if (assessed != 0)
            return $"the assessment {assessed}";
        var quote = await db.Quotes.Where(q => q.SourceId == id).Select(q => q.Slug).FirstOrDefaultAsync(ct);
        return quote is null ? null : $"the quote '{quote}'";
    }

    /// <summary>
    /// What the replace, patch and delete of sources need (<see cref="EditTarget{TLoaded, TWrite}"/>), keyed by id. A source's create is
    /// its own (<c>CreateSourceEndpoint</c>): its key is the id its row gets, known only once saved.
    /// </summary>
    public static EditTarget<Represented<Source>, SourceWriteRequest> Edits(TimelineDbContext db) => new(
        ResourceType, "sources",
        (id, ct) => LoadAsync(db.Sources, id, ct),
        s => s.Entity,
        s => s.Representation,
        s => ToWrite(s.Entity),
        (s, write, ct) => ApplyAsync(db, s.Entity, write, ct),
        _ => [],
        s => Represent(s.Entity),
        (_, _, _) => Task.CompletedTask)
    {
        KeyName = "id",
        Validator = SourceWriteValidator.Instance,
        BlockingReferenceAsync = (s, ct) => BlockingReferenceAsync(db, s.Entity, ct),
    };

    /// <summary>What the translation writes (<see cref="TranslationWrites"/>) need of a source, keyed by id: the same load and representation as GET (source titles are not in the search index).</summary>
    public static TranslationTarget<Represented<Source>> Translations(TimelineDbContext db) => new(
        ResourceType, "sources",
        (id, ct) => LoadAsync(db.Sources, id, ct),
        s => s.Entity,
        s => new Dictionary<string, string?>(StringComparer.Ordinal) { ["title"] = s.Entity.Title },
        _ => [],
        (s, texts, _) => Task.FromResult<object>(Represent(s.Entity, texts)),
        (_, _) => Task.CompletedTask,
        KeyName: "id");
}
