using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Treaties.GetTreaty;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties;

/// <summary>
/// How treaties are loaded, written and represented, for GET and every write alike, their actions and retractions
/// included. Force and party statuses are read from the record by <see cref="TreatyRecord"/>.
/// </summary>
public static class TreatyEditor
{
    public const string ResourceType = "treaty";
    public const string ActionResourceType = "treaty-action";

    public static string PathOf(string slug) => $"/api/v1/treaties/{slug}";

    /// <summary>Every treaty query that ends in a representation loads this much (split: no cartesian product).</summary>
    public static IQueryable<Treaty> Whole(IQueryable<Treaty> treaties) => treaties
        .Include(t => t.Timelines).Include(t => t.Parties).Include(t => t.Event)
        .Include(t => t.Commitments)
        .Include(t => t.Actions).ThenInclude(a => a.Sources)
        .Include(t => t.Actions).ThenInclude(a => a.Party)
        .Include(t => t.Actions).ThenInclude(a => a.Event)
        .AsSplitQuery();

    /// <summary>The treaty with everything it shows, and its representation as of <paramref name="asOf"/>, or null.</summary>
    public static async Task<Represented<Treaty>?> LoadAsync(IQueryable<Treaty> treaties, string slug, DateOnly asOf, CancellationToken ct)
    {
        var treaty = await Whole(treaties).SingleOrDefaultAsync(t => t.Slug == slug, ct);
        return treaty is null ? null : new(treaty, Representation.Of(Represent(treaty, asOf)));
    }

    /// <summary>The representation writes answer with and check against: everything recorded counts.</summary>
    public static Task<Represented<Treaty>?> LoadForChangeAsync(TimelineDbContext db, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return LoadAsync(db.Treaties, slug, DateOnly.MaxValue, ct);
    }

    public static TreatyResponse Represent(Treaty t, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(t);
        var standing = new TreatyStanding(t, asOf);
        var summary = standing.Summary();
        return new TreatyResponse
        {
            Slug = summary.Slug,
            Title = summary.Title,
            ShortTitle = summary.ShortTitle,
            Kind = summary.Kind,
            SignedOn = summary.SignedOn,
            Place = summary.Place,
            TextUrl = summary.TextUrl,
            InForce = summary.InForce,
            InForceSince = summary.InForceSince,
            Provisional = summary.Provisional,
            Parties = summary.Parties,
            Timelines = summary.Timelines,
            Description = t.Description,
            Event = t.Event is not { } e ? null : new EventRefResponse { Slug = e.Slug, Title = e.Title, Date = DateResponse.From(e.DateText), Status = e.Status },
            Commitments = [.. t.Commitments.Where(c => c.DeletedAt is null).OrderBy(c => c.Id).Select(c => new CommitmentRefResponse { Slug = c.Slug, Title = c.Title })],
            Actions = [.. standing.Actions.Select(TreatyActionResponse.From)],
        };
    }


    public static TreatyWriteRequest ToWrite(Treaty t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new()
        {
            Slug = t.Slug,
            Title = t.Title,
            ShortTitle = t.ShortTitle,
            Kind = Kebab.ToValue(t.Kind),
            Description = t.Description,
            SignedOn = t.SignedText,
            Place = t.Place,
            TextUrl = t.TextUrl,
            Event = t.Event?.Slug,
            Parties = [.. t.Parties.Select(p => p.Slug).Order(StringComparer.Ordinal)],
            Commitments = [.. t.Commitments.Select(c => c.Slug).Order(StringComparer.Ordinal)],
            Timelines = [.. t.Timelines.Select(x => x.Slug).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Makes the treaty match the write, resolving its references; one that does not resolve is a failure on its field,
    /// and so is a change that would contradict the recorded actions (a party with actions dropped, a signing date after a ratification).
    /// </summary>
    public static async Task<List<ValidationFailure>> ApplyAsync(TimelineDbContext db, Treaty t, TreatyWriteRequest write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(write);
        var references = new ReferenceResolver(db);
        var timelines = await references.TimelinesAsync(write.Timelines, t.Timelines, "timelines[{i}]", ct);
        var parties = await references.ActorsAsync(write.Parties, t.Parties, "parties[{i}]", ct);
        var commitments = await references.CommitmentsAsync(write.Commitments, t.Commitments, "commitments[{i}]", ct);
        var signedAt = await references.OneAsync(write.Event, t.Event, references.EventsAsync, "event", ct);
        if (references.Failures.Count > 0)
            return references.Failures;

        var signed = write.SignedOn is null ? null : EdtfDate.Parse(write.SignedOn);
        var problems = TreatyRecord.Check(t.Actions.Select(TreatyRecord.EntryOf), [.. parties.Select(p => p.Id)], signed?.Start);
        if (problems.FirstOrDefault(p => p.Field == "party") is { } dropped)
            return [new ValidationFailure("parties", $"Action {dropped.Action.Id} was taken by a party this write leaves out: {dropped.Message}")];
        if (problems.Count > 0 && problems[0] is { } early)
            return [new ValidationFailure("signedOn", $"Action {early.Action.Id} contradicts this signing date: {early.Message}")];

        t.Title = write.Title;
        t.ShortTitle = write.ShortTitle;
        t.Kind = Kebab.Parse<InstrumentKind>(write.Kind);
        t.Description = write.Description;
        t.SetSigned(signed);
        t.Place = write.Place;
        t.TextUrl = write.TextUrl;
        t.Event = signedAt;
        t.EventId = signedAt?.Id;
        CollectionSync.Sync(t.Timelines, timelines, (a, b) => a == b, x => x);
        CollectionSync.Sync(t.Parties, [.. parties.Distinct()], (a, b) => a == b, p => p);
        CollectionSync.Sync(t.Commitments, [.. commitments.Distinct()], (a, b) => a == b, c => c);
        return [];
    }

    /// <summary>What recording and retracting treaty actions need (<see cref="RecordEdits"/>): the record is append-only.</summary>
    public static AppendOnlyRecord<Treaty, TreatyAction> Record(TimelineDbContext db) => new(
        ResourceType, "action", ActionResourceType,
        (slug, ct) => LoadForChangeAsync(db, slug, ct),
        t => t.Actions,
        TreatyActionResponse.From,
        slug => $"{PathOf(slug)}/actions");

    /// <summary>What the create, replace, patch and delete of treaties need (<see cref="EditTarget{TLoaded, TWrite}"/>); actions are appended on their own routes.</summary>
    public static EditTarget<Represented<Treaty>, TreatyWriteRequest> Edits(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "treaties",
        (slug, ct) => LoadForChangeAsync(db, slug, ct),
        t => t.Entity,
        t => t.Representation,
        t => ToWrite(t.Entity),
        (t, write, ct) => ApplyAsync(db, t.Entity, write, ct),
        t => ChangeLog.TimelinesOf(t.Entity),
        t => Represent(t.Entity, DateOnly.MaxValue),
        (t, _, ct) => KeepCopiesAsync(db, search, t.Entity, ct))
    {
        Validator = TreatyWriteValidator.Instance,
        New = write => Represented.New(new Treaty { Slug = write.Slug, Title = write.Title }),
        KeyOf = write => write.Slug,
        KeyTakenAsync = (slug, ct) => db.Treaties.IgnoreQueryFilters().AnyAsync(t => t.Slug == slug, ct), // deleted ones too: their slugs stay reserved
        PathOf = PathOf,
    };

    /// <summary>What copies the treaty elsewhere, inside the write's transaction: its search row.</summary>
    public static Task KeepCopiesAsync(TimelineDbContext db, IFullTextSearch search, Treaty t, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(t);
        return search.RefreshAsync(db, SearchKinds.Treaty, t.Slug, ct);
    }
}
