using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments;

/// <summary>
/// How commitments are loaded, written and represented, for GET and every write alike, their assessments and
/// retractions included. The status shown is read from the history by <see cref="StatusHistory"/>.
/// </summary>
public static class CommitmentEditor
{
    public const string ResourceType = "commitment";

    public static string PathOf(string slug) => $"/api/v1/commitments/{slug}";

    /// <summary>
    /// The commitment with its parties, timelines, the event that made it and its whole history, and its representation
    /// with the status as of <paramref name="asOf"/> (tracked when <paramref name="commitments"/> tracks), or null.
    /// </summary>
    public static async Task<Represented<Commitment>?> LoadAsync(
        IQueryable<Commitment> commitments, string slug, DateOnly asOf, CancellationToken ct, TextChooser? texts = null)
    {
        var commitment = await commitments
            .Include(c => c.Timelines).Include(c => c.Parties).Include(c => c.MadeInEvent).Include(c => c.Treaties)
            .Include(c => c.Assessments).ThenInclude(a => a.Sources)
            .Include(c => c.Assessments).ThenInclude(a => a.Event)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Slug == slug, ct);
        return commitment is null ? null : new(commitment, Representation.Of(Represent(commitment, asOf, texts)));
    }

    /// <summary>The representation writes answer with and check against: everything recorded counts.</summary>
    public static Task<Represented<Commitment>?> LoadForChangeAsync(TimelineDbContext db, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return LoadAsync(db.Commitments, slug, DateOnly.MaxValue, ct);
    }

    /// <summary>The representation, its texts chosen by <paramref name="texts"/> (the originals when null).</summary>
    public static CommitmentResponse Represent(Commitment c, DateOnly asOf, TextChooser? texts = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        texts ??= TextChooser.Originals();
        var history = new StatusHistory(c.Assessments.Select(StatusHistory.EntryOf));
        var assessments = c.Assessments.ToDictionary(a => a.Id);
        var status = history.AsOf(asOf);
        return new CommitmentResponse
        {
            Slug = c.Slug,
            Title = texts.Required("/title", "title", c.Title, c.Language, c.Translations),
            Description = texts.Text("/description", "description", c.Description, c.Language, c.Translations),
            Category = c.Category,
            Parties = [.. c.Parties.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Slug, StringComparer.Ordinal)
                .Select((p, i) => new ActorRefResponse { Slug = p.Slug, Name = texts.Required($"/parties/{i}/name", "name", p.Name, p.Language, p.Translations) })],
            MadeIn = c.MadeInEvent is not { } e ? null : new EventRefResponse
            {
                Slug = e.Slug, Title = texts.Required("/madeIn/title", "title", e.Title, e.Language, e.Translations), Date = DateResponse.From(e.DateText), Status = e.Status,
            },
            Due = DateResponse.FromOptional(c.DueText),
            Status = status?.Status,
            StatusDate = status is null ? null : DateResponse.From(assessments[status.Id].DateText),
            Timelines = [.. c.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            History = [.. history.Entries.Select((entry, i) => AssessmentResponse.From(assessments[entry.Id], texts, $"/history/{i}"))],
            Treaties = [.. c.Treaties.OrderBy(t => t.Id).Select(t => new TreatyRefResponse { Slug = t.Slug, Title = t.Title })],
            Fallbacks = texts.Fallbacks,
        };
    }


    public static CommitmentWriteRequest ToWrite(Commitment c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Slug = c.Slug,
            Title = c.Title,
            Description = c.Description,
            Category = Kebab.ToValue(c.Category),
            Parties = [.. c.Parties.Select(p => p.Slug).Order(StringComparer.Ordinal)],
            MadeIn = c.MadeInEvent?.Slug,
            Due = c.DueText,
            Timelines = [.. c.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            Treaties = [.. c.Treaties.Select(t => t.Slug).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>Makes the commitment match the write, resolving its references; one that does not resolve is a failure on its field.</summary>
    public static async Task<List<ValidationFailure>> ApplyAsync(TimelineDbContext db, Commitment c, CommitmentWriteRequest write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(write);
        var references = new ReferenceResolver(db);
        var timelines = await references.TimelinesAsync(write.Timelines, c.Timelines, "timelines[{i}]", ct);
        var parties = await references.ActorsAsync(write.Parties, c.Parties, "parties[{i}]", ct);
        var madeIn = await references.OneAsync(write.MadeIn, c.MadeInEvent, references.EventsAsync, "madeIn", ct);
        var treaties = await references.TreatiesAsync(write.Treaties, c.Treaties, "treaties[{i}]", ct);
        if (references.Failures.Count > 0)
            return references.Failures;

        c.Title = write.Title;
        c.Description = write.Description;
        c.Category = Kebab.Parse<CommitmentCategory>(write.Category);
        c.MadeInEvent = madeIn;
        c.MadeInEventId = madeIn?.Id;
        c.SetDue(write.Due is null ? null : EdtfDate.Parse(write.Due));
        CollectionSync.Sync(c.Timelines, timelines, (a, b) => a == b, t => t);
        CollectionSync.Sync(c.Parties, [.. parties.Distinct()], (a, b) => a == b, p => p);
        CollectionSync.Sync(c.Treaties, [.. treaties.Distinct()], (a, b) => a == b, t => t);
        return [];
    }

    /// <summary>What still refers to the commitment and so forbids deleting it (null when nothing does).</summary>
    public static async Task<string?> BlockingReferenceAsync(TimelineDbContext db, Commitment c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
        var quote = await db.Quotes.Where(q => q.CommitmentId == c.Id).Select(q => q.Slug).FirstOrDefaultAsync(ct);
        return quote is null ? null : $"the quote '{quote}'";
    }

    /// <summary>What copies the commitment elsewhere, inside the write's transaction: its search row.</summary>
    public static Task KeepCopiesAsync(TimelineDbContext db, IFullTextSearch search, Commitment c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(c);
        return search.RefreshAsync(db, SearchKinds.Commitment, c.Slug, ct);
    }

    /// <summary>What recording and retracting assessments need (<see cref="RecordEdits"/>): the status history is append-only.</summary>
    public static AppendOnlyRecord<Commitment, Assessment> History(TimelineDbContext db) => new(
        ResourceType, "assessment", "assessment",
        (slug, ct) => LoadForChangeAsync(db, slug, ct),
        c => c.Assessments,
        a => AssessmentResponse.From(a),
        slug => $"{PathOf(slug)}/history");

    /// <summary>What the create, replace, patch and delete of commitments need (<see cref="EditTarget{TLoaded, TWrite}"/>).</summary>
    public static EditTarget<Represented<Commitment>, CommitmentWriteRequest> Edits(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "commitments",
        (slug, ct) => LoadForChangeAsync(db, slug, ct),
        c => c.Entity,
        c => c.Representation,
        c => ToWrite(c.Entity),
        (c, write, ct) => ApplyAsync(db, c.Entity, write, ct),
        c => ChangeLog.TimelinesOf(c.Entity),
        c => Represent(c.Entity, DateOnly.MaxValue),
        (c, _, ct) => KeepCopiesAsync(db, search, c.Entity, ct))
    {
        Validator = CommitmentWriteValidator.Instance,
        BlockingReferenceAsync = (c, ct) => BlockingReferenceAsync(db, c.Entity, ct),
        New = write => Represented.New(new Commitment { Slug = write.Slug, Title = write.Title }),
        KeyOf = write => write.Slug,
        KeyTakenAsync = (slug, ct) => db.Commitments.IgnoreQueryFilters().AnyAsync(c => c.Slug == slug, ct), // deleted ones too: their slugs stay reserved
        PathOf = PathOf,
    };

    /// <summary>
    /// What the translation writes need of an assessment, keyed <c>{commitment}/{id}</c>: its summary is the text, its
    /// commitment the record that gets the new version, and the commitment's representation in the language (where the
    /// assessment stands in <c>history</c>) what answers and what <c>If-Match</c> names. Assessments are never changed
    /// in place; a translation adds words, not facts, so it may be written like any record's.
    /// </summary>
    public static TranslationTarget<AssessedCommitment> AssessmentTranslations(TimelineDbContext db, IFullTextSearch search) => new(
        "assessment", "commitments/{slug}/assessments",
        (key, ct) => LoadAssessmentAsync(db, key, ct),
        a => a.Assessment,
        a => new Dictionary<string, string?>(StringComparer.Ordinal) { ["summary"] = a.Assessment.Summary },
        a => ChangeLog.TimelinesOf(a.Commitment),
        (a, texts, _) => Task.FromResult<object>(Represent(a.Commitment, DateOnly.MaxValue, texts)),
        (a, ct) => KeepCopiesAsync(db, search, a.Commitment, ct),
        KeyName: "id")
    {
        Versioned = a => a.Commitment,
        KeyOf = request => $"{request.RouteValues["slug"]}/{request.RouteValues["id"]}",
        Note = "The answer, and the ETag `If-Match` names, are the commitment's (`GET /commitments/{slug}?lang={lang}`), where the assessment stands in `history`.",
    };

    /// <summary>The commitment and one of its assessments by <c>{commitment}/{id}</c>, tracked; null when either is not there.</summary>
    private static async Task<AssessedCommitment?> LoadAssessmentAsync(TimelineDbContext db, string key, CancellationToken ct)
    {
        var parts = key.Split('/');
        if (parts.Length != 2 || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return null;
        var loaded = await LoadForChangeAsync(db, parts[0], ct);
        var assessment = loaded?.Entity.Assessments.SingleOrDefault(a => a.Id == id);
        return assessment is null ? null : new AssessedCommitment(loaded!.Entity, assessment);
    }

    /// <summary>What the translation writes (<see cref="TranslationWrites"/>) need of a commitment: the same load and representation as GET.</summary>
    public static TranslationTarget<Represented<Commitment>> Translations(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "commitments",
        (slug, ct) => LoadForChangeAsync(db, slug, ct),
        c => c.Entity,
        c => new Dictionary<string, string?>(StringComparer.Ordinal) { ["title"] = c.Entity.Title, ["description"] = c.Entity.Description },
        c => ChangeLog.TimelinesOf(c.Entity),
        (c, texts, _) => Task.FromResult<object>(Represent(c.Entity, DateOnly.MaxValue, texts)),
        (c, ct) => KeepCopiesAsync(db, search, c.Entity, ct));
}

/// <summary>A commitment with one of its assessments: what an assessment's translation is written to.</summary>
public sealed record AssessedCommitment(Commitment Commitment, Assessment Assessment);
