using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Events;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors;

/// <summary>How actors are loaded, written and represented, for GET and every write alike.</summary>
public static class ActorEditor
{
    public const string ResourceType = "actor";

    public static string PathOf(string slug) => $"/api/v1/actors/{slug}";

    /// <summary>The actor with its aliases and its representation (tracked when <paramref name="actors"/> tracks), or null.</summary>
    public static async Task<Represented<Actor>?> LoadAsync(IQueryable<Actor> actors, string slug, CancellationToken ct)
    {
        var actor = await actors.Include(a => a.Aliases).SingleOrDefaultAsync(a => a.Slug == slug, ct);
        return actor is null ? null : new(actor, Representation.Of(Represent(actor)));
    }

    /// <summary>The representation, its texts chosen by <paramref name="texts"/> (the originals when null).</summary>
    public static ActorResponse Represent(Actor actor, TextChooser? texts = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        texts ??= TextChooser.Originals();
        return new()
        {
            Slug = actor.Slug,
            Name = texts.Required("/name", "name", actor.Name, actor.Language, actor.Translations),
            Kind = actor.Kind,
            Description = texts.Text("/description", "description", actor.Description, actor.Language, actor.Translations),
            Aliases = [.. actor.Aliases.OrderBy(a => a.Id).Select(a => a.Name)],
            Fallbacks = texts.Fallbacks,
        };
    }


    public static ActorWriteRequest ToWrite(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new()
        {
            Slug = actor.Slug,
            Name = actor.Name,
            Kind = Kebab.ToValue(actor.Kind),
            Description = actor.Description,
            Aliases = [.. actor.Aliases.OrderBy(a => a.Id).ThenBy(a => a.Name, StringComparer.Ordinal).Select(a => a.Name)],
        };
    }

    public static void Apply(Actor actor, ActorWriteRequest write)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(write);
        actor.Name = write.Name;
        actor.FoldedName = TextFolding.Fold(write.Name);
        actor.Kind = Kebab.Parse<ActorKind>(write.Kind);
        actor.Description = write.Description;
        CollectionSync.Sync(actor.Aliases, write.Aliases, (alias, name) => alias.Name == name,
            name => new ActorAlias { Name = name, FoldedName = TextFolding.Fold(name) });
    }

    /// <summary>What still names the actor and so forbids deleting it (null when nothing does).</summary>
    public static async Task<string?> BlockingReferenceAsync(TimelineDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var @event = await db.EventActors.Where(a => a.ActorId == actor.Id)
            .Join(db.Events, a => a.EventId, e => e.Id, (a, e) => e.Slug).FirstOrDefaultAsync(ct);
        if (@event is not null)
            return $"the event '{@event}'";
        var commitment = await db.Commitments.Where(c => c.Parties.Any(p => p.Id == actor.Id)).Select(c => c.Slug).FirstOrDefaultAsync(ct);
        if (commitment is not null)
            return $"the commitment '{commitment}'";
        var quote = await db.Quotes.Where(q => q.SpeakerId == actor.Id).Select(q => q.Slug).FirstOrDefaultAsync(ct);
        return quote is null ? null : $"the quote '{quote}'";
    }

    /// <summary>
    /// What copies the actor elsewhere, inside the write's transaction: its search row, and when its name changed
    /// (<paramref name="before"/> is its write representation before the change) the stored listings of its events,
    /// which show its name (see <see cref="EventListing"/>). An actor's search refresh rewrites its quotes' rows too (they hold its names).
    /// </summary>
    public static async Task KeepCopiesAsync(TimelineDbContext db, IFullTextSearch search, Actor actor, ActorWriteRequest? before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(actor);
        await search.RefreshAsync(db, SearchKinds.Actor, actor.Slug, ct);
        if (before is null || before.Name == actor.Name)
            return;
        var events = await db.EventActors.Where(a => a.ActorId == actor.Id).Select(a => a.EventId).Distinct().ToListAsync(ct);
        await EventListing.RefreshAsync(db, events, ct);
    }

    /// <summary>What the create, replace, patch and delete of actors need (<see cref="EditTarget{TLoaded, TWrite}"/>); an actor is listed under no timeline.</summary>
    public static EditTarget<Represented<Actor>, ActorWriteRequest> Edits(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "actors",
        (slug, ct) => LoadAsync(db.Actors, slug, ct),
        a => a.Entity,
        a => a.Representation,
        a => ToWrite(a.Entity),
        ResourceEdits.Always<Represented<Actor>, ActorWriteRequest>((a, write) => Apply(a.Entity, write)),
        _ => [],
        a => Represent(a.Entity),
        (a, before, ct) => KeepCopiesAsync(db, search, a.Entity, before, ct))
    {
        Validator = ActorWriteValidator.Instance,
        BlockingReferenceAsync = (a, ct) => BlockingReferenceAsync(db, a.Entity, ct),
        New = write => Represented.New(new Actor { Slug = write.Slug, Name = write.Name }),
        KeyOf = write => write.Slug,
        KeyTakenAsync = (slug, ct) => db.Actors.IgnoreQueryFilters().AnyAsync(a => a.Slug == slug, ct), // deleted ones too: their slugs stay reserved
        PathOf = PathOf,
    };

    /// <summary>What the translation writes (<see cref="TranslationWrites"/>) need of an actor: the same load and representation as GET; its quotes' search rows hold its names too.</summary>
    public static TranslationTarget<Represented<Actor>> Translations(TimelineDbContext db, IFullTextSearch search) => new(
        ResourceType, "actors",
        (slug, ct) => LoadAsync(db.Actors, slug, ct),
        a => a.Entity,
        a => new Dictionary<string, string?>(StringComparer.Ordinal) { ["name"] = a.Entity.Name, ["description"] = a.Entity.Description },
        _ => [],
        (a, texts, _) => Task.FromResult<object>(Represent(a.Entity, texts)),
        (a, ct) => KeepCopiesAsync(db, search, a.Entity, null, ct));
}
