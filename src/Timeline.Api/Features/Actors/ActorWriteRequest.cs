using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Events;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Actors;

/// <summary>An actor as editors write it.</summary>
public sealed class ActorWriteRequest
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>person, state, organisation or media.</summary>
    public string Kind { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Other spellings: transliterations and other scripts.</summary>
    public List<string> Aliases { get; set; } = [];
}

public sealed class ActorWriteValidator : Validator<ActorWriteRequest>
{
    public static readonly ActorWriteValidator Instance = new();

    public ActorWriteValidator()
    {
        RuleFor(a => a.Slug).MustBeSlug();
        RuleFor(a => a.Name).NotEmpty().MaximumLength(200);
        RuleFor(a => (string?)a.Kind).NotEmpty().MustBeValue<ActorWriteRequest, ActorKind>().OverridePropertyName("kind");
        RuleFor(a => a.Description).MaximumLength(2000);
        RuleFor(a => a.Aliases).NotNull();
        RuleForEach(a => a.Aliases).NotEmpty().MaximumLength(200);
        RuleFor(a => a.Aliases).Must(aliases => aliases is null || aliases.Distinct(StringComparer.Ordinal).Count() == aliases.Count)
            .WithMessage("aliases must not repeat a spelling.");
    }
}

public sealed class ActorEditor : ResourceEditor<Actor, ActorWriteRequest, ActorResponse>
{
    public static readonly ActorEditor Instance = new();

    public override string ResourceType => "actor";

    public override string KeyOf(ActorWriteRequest write) => write.Slug;

    public override string PathOf(string key) => $"/api/v1/actors/{key}";

    public override Task<Actor?> FindAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Actors.Include(a => a.Aliases).SingleOrDefaultAsync(a => a.Slug == key, cancellationToken);

    public override Task<bool> KeyTakenAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Actors.IgnoreQueryFilters().AnyAsync(a => a.Slug == key, cancellationToken);

    public override Actor Create(ActorWriteRequest write) => new() { Slug = write.Slug, Name = write.Name };

    public override ActorWriteRequest ToWrite(Actor entity) => new()
    {
        Slug = entity.Slug,
        Name = entity.Name,
        Kind = Kebab.ToValue(entity.Kind),
        Description = entity.Description,
        Aliases = [.. entity.Aliases.OrderBy(a => a.Id).ThenBy(a => a.Name, StringComparer.Ordinal).Select(a => a.Name)],
    };

    public override Task ApplyAsync(TimelineDbContext db, Actor entity, ActorWriteRequest write, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        entity.Name = write.Name;
        entity.FoldedName = TextFolding.Fold(write.Name);
        entity.Kind = Kebab.Parse<ActorKind>(write.Kind);
        entity.Description = write.Description;
        CollectionSync.Sync(entity.Aliases, write.Aliases, (alias, name) => alias.Name == name,
            name => new ActorAlias { Name = name, FoldedName = TextFolding.Fold(name) });
        return Task.CompletedTask;
    }

    public override Task<ActorResponse?> RepresentAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        ActorResponse.LoadAsync(db, key, cancellationToken);

    public override IEnumerable<string> TimelinesOf(Actor entity) => [];

    public override void Touch(Actor entity, DateTimeOffset now) => entity.UpdatedAt = now;

    /// <summary>Event lists show each actor's name: a renamed actor's events get their listings again.</summary>
    public override async Task KeepReadModelsAsync(TimelineDbContext db, Actor entity, ActorWriteRequest? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        if (before is null || before.Name == entity.Name)
            return;
        var events = await db.EventActors.Where(a => a.ActorId == entity.Id).Select(a => a.EventId).Distinct().ToListAsync(cancellationToken);
        await EventListing.RefreshAsync(db, events, cancellationToken);
    }

    public override async Task<string?> BlockingReferenceAsync(TimelineDbContext db, Actor entity, CancellationToken cancellationToken)
    {
        var @event = await db.EventActors.Where(a => a.ActorId == entity.Id)
            .Join(db.Events, a => a.EventId, e => e.Id, (a, e) => e.Slug).FirstOrDefaultAsync(cancellationToken);
        if (@event is not null)
            return $"the event '{@event}'";
        var commitment = await db.Commitments.Where(c => c.Parties.Any(p => p.Id == entity.Id)).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
        if (commitment is not null)
            return $"the commitment '{commitment}'";
        var quote = await db.Quotes.Where(q => q.SpeakerId == entity.Id).Select(q => q.Slug).FirstOrDefaultAsync(cancellationToken);
        return quote is null ? null : $"the quote '{quote}'";
    }
}
