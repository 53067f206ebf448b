using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Commitments.GetCommitment;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Commitments;

/// <summary>A commitment as editors write it. Its status is not written here: it is the latest assessment.</summary>
public sealed class CommitmentWriteRequest
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>political, economic, monetary, defence, legal or social.</summary>
    public string Category { get; set; } = "";

    /// <summary>Slugs of the actors bound by the commitment.</summary>
    public List<string> Parties { get; set; } = [];

    /// <summary>Slug of the event that made the commitment.</summary>
    public string? MadeIn { get; set; }

    /// <summary>When it was due (EDTF).</summary>
    public string? Due { get; set; }

    /// <summary>Slugs of the timelines the commitment belongs to (at least one).</summary>
    public List<string> Timelines { get; set; } = [];
}

public sealed class CommitmentWriteValidator : Validator<CommitmentWriteRequest>
{
    public static readonly CommitmentWriteValidator Instance = new();

    public CommitmentWriteValidator()
    {
        RuleFor(c => c.Slug).MustBeSlug();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(300);
        RuleFor(c => c.Description).MaximumLength(4000);
        RuleFor(c => (string?)c.Category).NotEmpty().MustBeValue<CommitmentWriteRequest, CommitmentCategory>().OverridePropertyName("category");
        RuleFor(c => c.Parties).NotNull();
        RuleForEach(c => c.Parties).MustBeSlug();
        RuleFor(c => c.MadeIn!).MustBeSlug().When(c => c.MadeIn is not null);
        RuleFor(c => c.Due).MustBeEdtf();
        RuleFor(c => c.Timelines).NotEmpty().WithMessage("A commitment belongs to at least one timeline.");
        RuleForEach(c => c.Timelines).MustBeSlug();
    }
}

public sealed class CommitmentEditor : ResourceEditor<Commitment, CommitmentWriteRequest, CommitmentResponse>
{
    public static readonly CommitmentEditor Instance = new();

    public override string ResourceType => "commitment";

    public override string KeyOf(CommitmentWriteRequest write) => write.Slug;

    public override string PathOf(string key) => $"/api/v1/commitments/{key}";

    public override Task<Commitment?> FindAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Commitments
            .Include(c => c.Timelines).Include(c => c.Parties).Include(c => c.MadeInEvent)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Slug == key, cancellationToken);

    public override Task<bool> KeyTakenAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Commitments.IgnoreQueryFilters().AnyAsync(c => c.Slug == key, cancellationToken);

    public override Commitment Create(CommitmentWriteRequest write) => new() { Slug = write.Slug, Title = write.Title };

    public override CommitmentWriteRequest ToWrite(Commitment entity) => new()
    {
        Slug = entity.Slug,
        Title = entity.Title,
        Description = entity.Description,
        Category = Kebab.ToValue(entity.Category),
        Parties = [.. entity.Parties.Select(p => p.Slug).Order(StringComparer.Ordinal)],
        MadeIn = entity.MadeInEvent?.Slug,
        Due = entity.DueText,
        Timelines = [.. entity.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
    };

    public override async Task ApplyAsync(TimelineDbContext db, Commitment entity, CommitmentWriteRequest write, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        var references = new References(db, failures);
        var timelines = await references.TimelinesAsync(write.Timelines, "timelines[{i}]", cancellationToken);
        var parties = await references.ActorsAsync(write.Parties, "parties[{i}]", cancellationToken);
        var madeIn = await references.EventAsync(write.MadeIn, "madeIn", cancellationToken);
        if (failures.Count > 0)
            return;

        entity.Title = write.Title;
        entity.Description = write.Description;
        entity.Category = Kebab.Parse<CommitmentCategory>(write.Category);
        entity.MadeInEvent = madeIn;
        entity.MadeInEventId = madeIn?.Id;
        entity.SetDue(write.Due is null ? null : EdtfDate.Parse(write.Due));
        CollectionSync.Sync(entity.Timelines, timelines, (a, b) => a == b, t => t);
        CollectionSync.Sync(entity.Parties, [.. parties.Distinct()], (a, b) => a == b, p => p);
    }

    public override Task<CommitmentResponse?> RepresentAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        CommitmentDetails.LoadAsync(db, key, asOf: null, cancellationToken);

    public override IEnumerable<string> TimelinesOf(Commitment entity) => entity.Timelines.Select(t => t.Slug);

    public override void Touch(Commitment entity, DateTimeOffset now) => entity.UpdatedAt = now;

    public override async Task<string?> BlockingReferenceAsync(TimelineDbContext db, Commitment entity, CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.Where(q => q.CommitmentId == entity.Id).Select(q => q.Slug).FirstOrDefaultAsync(cancellationToken);
        return quote is null ? null : $"the quote '{quote}'";
    }
}
