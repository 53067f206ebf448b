using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes;

/// <summary>How quotes are loaded, written and represented, for GET and every write alike.</summary>
public static class QuoteEditor
{
    public const string ResourceType = "quote";

    public static string PathOf(string slug) => $"/api/v1/quotes/{slug}";

    /// <summary>The quote with what it shows and its representation (tracked when <paramref name="quotes"/> tracks), or null.</summary>
    public static async Task<Represented<Quote>?> LoadAsync(IQueryable<Quote> quotes, string slug, CancellationToken ct)
    {
        var quote = await quotes
            .Include(q => q.Timelines).Include(q => q.Speaker).Include(q => q.Source).Include(q => q.Event).Include(q => q.Commitment)
            .AsSplitQuery()
            .SingleOrDefaultAsync(q => q.Slug == slug, ct);
        return quote is null ? null : new(quote, Representation.Of(Represent(quote)));
    }

    /// <summary>The representation, its texts chosen by <paramref name="texts"/> (the originals when null).</summary>
    public static QuoteResponse Represent(Quote quote, TextChooser? texts = null)
    {
        ArgumentNullException.ThrowIfNull(quote);
        texts ??= TextChooser.Originals();
        var speaker = quote.Speaker!;
        var source = quote.Source!;
        return new()
        {
            Slug = quote.Slug,
            Text = texts.Required("/text", "text", quote.Text, quote.Language, quote.Translations),
            Speaker = new ActorRefResponse { Slug = speaker.Slug, Name = texts.Required("/speaker/name", "name", speaker.Name, speaker.Language, speaker.Translations) },
            Date = DateResponse.FromOptional(quote.DateText),
            Source = new SourceResponse
            {
                Url = source.Url, Title = texts.Text("/source/title", "title", source.Title, source.Language, source.Translations), Publisher = source.Publisher,
                Published = source.PublishedText, ArchivedUrl = source.ArchivedUrl,
            },
            Event = quote.Event is not { } e ? null : new EventRefResponse
            {
                Slug = e.Slug, Title = texts.Required("/event/title", "title", e.Title, e.Language, e.Translations), Date = DateResponse.From(e.DateText), Status = e.Status,
            },
            Commitment = quote.Commitment is not { } c ? null : new CommitmentRefResponse
            {
                Slug = c.Slug, Title = texts.Required("/commitment/title", "title", c.Title, c.Language, c.Translations),
            },
            Timelines = [.. quote.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            Fallbacks = texts.Fallbacks,
        };
    }


    public static QuoteWriteRequest ToWrite(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new()
        {
            Slug = quote.Slug,
            Text = quote.Text,
            Speaker = quote.Speaker!.Slug,
            Date = quote.DateText,
            Event = quote.Event?.Slug,
            Commitment = quote.Commitment?.Slug,
            Source = new SourceInput
            {
                Url = quote.Source!.Url, Title = quote.Source.Title, Publisher = quote.Source.Publisher,
                Published = quote.Source.PublishedText, ArchivedUrl = quote.Source.ArchivedUrl,
            },
            Timelines = [.. quote.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>Makes the quote match the write, resolving its references; a reference that does not resolve is a failure on its field.</summary>
    public static async Task<List<ValidationFailure>> ApplyAsync(TimelineDbContext db, Quote quote, QuoteWriteRequest write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(write);
        var references = new ReferenceResolver(db);
        var timelines = await references.TimelinesAsync(write.Timelines, quote.Timelines, "timelines[{i}]", ct);
        var speaker = await references.OneAsync(write.Speaker, quote.Speaker, references.ActorsAsync, "speaker", ct);
        var @event = await references.OneAsync(write.Event, quote.Event, references.EventsAsync, "event", ct);
        var commitment = await references.OneAsync(write.Commitment, quote.Commitment, references.CommitmentsAsync, "commitment", ct);
        var source = (await references.SourcesAsync([write.Source], quote.Source is null ? [] : [quote.Source], ct)).Single();
        if (references.Failures.Count > 0)
            return references.Failures;

        quote.Text = write.Text;
        quote.Speaker = speaker;
        var date = write.Date is null ? null : EdtfDate.Parse(write.Date);
        quote.DateText = date?.Text;
        quote.DateStart = date?.Start;
        quote.DateEnd = date?.End;
        quote.Event = @event;
        quote.EventId = @event?.Id;
        quote.Commitment = commitment;
        quote.CommitmentId = commitment?.Id;
        quote.Source = source;
        CollectionSync.Sync(quote.Timelines, timelines, (a, b) => a == b, t => t);
        return [];
    }

    /// <summary>What copies the quote elsewhere, inside the write's transaction: its search row.</summary>
    public static Task KeepCopiesAsync(TimelineDbContext db, IFullTextSearch search, Quote quote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(quote);
        return search.RefreshAsync(db, SearchKinds.Quote, quote.Slug, ct);
    }

    /// <summary>What the create, replace, patch and delete of quotes need (<see cref="EditTarget{TLoaded, TWrite}"/>); nothing refers to a quote.</summary>
    public static EditTarget<Represented<Quote>, QuoteWriteRequest> Edits(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "quotes",
        (slug, ct) => LoadAsync(db.Quotes, slug, ct),
        q => q.Entity,
        q => q.Representation,
        q => ToWrite(q.Entity),
        (q, write, ct) => ApplyAsync(db, q.Entity, write, ct),
        q => ChangeLog.TimelinesOf(q.Entity),
        q => Represent(q.Entity),
        (q, _, ct) => KeepCopiesAsync(db, search, q.Entity, ct))
    {
        Validator = QuoteWriteValidator.Instance,
        New = write => Represented.New(new Quote { Slug = write.Slug, Text = write.Text }),
        KeyOf = write => write.Slug,
        KeyTakenAsync = (slug, ct) => db.Quotes.IgnoreQueryFilters().AnyAsync(q => q.Slug == slug, ct), // deleted ones too: their slugs stay reserved
        PathOf = PathOf,
    };

    /// <summary>What the translation writes (<see cref="TranslationWrites"/>) need of a quote: the same load and representation as GET.</summary>
    public static TranslationTarget<Represented<Quote>> Translations(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "quotes",
        (slug, ct) => LoadAsync(db.Quotes, slug, ct),
        q => q.Entity,
        q => new Dictionary<string, string?>(StringComparer.Ordinal) { ["text"] = q.Entity.Text },
        q => ChangeLog.TimelinesOf(q.Entity),
        (q, texts, _) => Task.FromResult<object>(Represent(q.Entity, texts)),
        (q, ct) => KeepCopiesAsync(db, search, q.Entity, ct));
}
