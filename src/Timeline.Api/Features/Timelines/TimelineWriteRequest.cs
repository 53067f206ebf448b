using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Timelines;

/// <summary>A timeline as editors write it.</summary>
public sealed class TimelineWriteRequest
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>BCP 47 language tag of the texts (default en).</summary>
    public string Language { get; set; } = "en";
}

public sealed class TimelineWriteValidator : Validator<TimelineWriteRequest>
{
    public static readonly TimelineWriteValidator Instance = new();

    public TimelineWriteValidator()
    {
        RuleFor(t => t.Slug).MustBeSlug();
        RuleFor(t => t.Title).NotEmpty().MaximumLength(200);
        RuleFor(t => t.Description).MaximumLength(4000);
        RuleFor(t => t.Language).NotEmpty().MaximumLength(35).Matches("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
            .WithMessage("language must be a BCP 47 tag such as en or be-Latn.");
    }
}

public sealed class TimelineEditor : ResourceEditor<TimelineStory, TimelineWriteRequest, TimelineResponse>
{
    public static readonly TimelineEditor Instance = new();

    public override string ResourceType => "timeline";

    public override string KeyOf(TimelineWriteRequest write) => write.Slug;

    public override string PathOf(string key) => $"/api/v1/timelines/{key}";

    public override Task<TimelineStory?> FindAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Timelines.SingleOrDefaultAsync(t => t.Slug == key, cancellationToken);

    public override Task<bool> KeyTakenAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Timelines.IgnoreQueryFilters().AnyAsync(t => t.Slug == key, cancellationToken);

    public override TimelineStory Create(TimelineWriteRequest write) => new() { Slug = write.Slug, Title = write.Title };

    public override TimelineWriteRequest ToWrite(TimelineStory entity) => new()
    {
        Slug = entity.Slug,
        Title = entity.Title,
        Description = entity.Description,
        Language = entity.Language,
    };

    public override Task ApplyAsync(TimelineDbContext db, TimelineStory entity, TimelineWriteRequest write, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        entity.Title = write.Title;
        entity.Description = write.Description;
        entity.Language = write.Language;
        return Task.CompletedTask;
    }

    public override Task<TimelineResponse?> RepresentAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        TimelineResponse.LoadAsync(db, key, cancellationToken);

    public override IEnumerable<string> TimelinesOf(TimelineStory entity) => [entity.Slug];

    public override void Touch(TimelineStory entity, DateTimeOffset now) => entity.UpdatedAt = now;

    public override async Task<string?> BlockingReferenceAsync(TimelineDbContext db, TimelineStory entity, CancellationToken cancellationToken)
    {
        var slug = entity.Slug;
        var @event = await db.Events.Where(e => e.Timelines.Any(t => t.Slug == slug)).Select(e => e.Slug).FirstOrDefaultAsync(cancellationToken);
        if (@event is not null)
            return $"the event '{@event}'";
        var commitment = await db.Commitments.Where(c => c.Timelines.Any(t => t.Slug == slug)).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
        if (commitment is not null)
            return $"the commitment '{commitment}'";
        var quote = await db.Quotes.Where(q => q.Timelines.Any(t => t.Slug == slug)).Select(q => q.Slug).FirstOrDefaultAsync(cancellationToken);
        return quote is null ? null : $"the quote '{quote}'";
    }
}
