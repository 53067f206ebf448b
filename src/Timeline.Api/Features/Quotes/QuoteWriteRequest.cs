using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Quotes;

/// <summary>A quote as editors write it.</summary>
public sealed class QuoteWriteRequest
{
    public string Slug { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>Slug of the actor who said it.</summary>
    public string Speaker { get; set; } = "";

    /// <summary>When it was said (EDTF).</summary>
    public string? Date { get; set; }

    /// <summary>Slug of the event it is about.</summary>
    public string? Event { get; set; }

    /// <summary>Slug of the commitment it is about.</summary>
    public string? Commitment { get; set; }
    public required SourceInput Source { get; set; }

    /// <summary>Slugs of the timelines the quote belongs to (at least one).</summary>
    public List<string> Timelines { get; set; } = [];
}

public sealed class QuoteWriteValidator : Validator<QuoteWriteRequest>
{
    public static readonly QuoteWriteValidator Instance = new();

    public QuoteWriteValidator()
    {
        RuleFor(q => q.Slug).MustBeSlug();
        RuleFor(q => q.Text).NotEmpty().MaximumLength(4000);
        RuleFor(q => q.Speaker).MustBeSlug();
        RuleFor(q => q.Date).MustBeEdtf();
        RuleFor(q => q.Event!).MustBeSlug().When(q => q.Event is not null);
        RuleFor(q => q.Commitment!).MustBeSlug().When(q => q.Commitment is not null);
        RuleFor(q => q.Source).Must(source => source is not null).WithMessage("source is required.").SetValidator(new SourceInputValidator());
        RuleFor(q => q.Timelines).NotEmpty().WithMessage("A quote belongs to at least one timeline.");
        RuleForEach(q => q.Timelines).MustBeSlug();
    }
}

public sealed class QuoteEditor : ResourceEditor<Quote, QuoteWriteRequest, QuoteResponse>
{
    public static readonly QuoteEditor Instance = new();

    public override string ResourceType => "quote";

    public override string KeyOf(QuoteWriteRequest write) => write.Slug;

    public override string PathOf(string key) => $"/api/v1/quotes/{key}";

    public override Task<Quote?> FindAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Quotes
            .Include(q => q.Timelines).Include(q => q.Speaker).Include(q => q.Source).Include(q => q.Event).Include(q => q.Commitment)
            .AsSplitQuery()
            .SingleOrDefaultAsync(q => q.Slug == key, cancellationToken);

    public override Task<bool> KeyTakenAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Quotes.IgnoreQueryFilters().AnyAsync(q => q.Slug == key, cancellationToken);

    public override Quote Create(QuoteWriteRequest write) => new() { Slug = write.Slug, Text = write.Text };

    public override QuoteWriteRequest ToWrite(Quote entity) => new()
    {
        Slug = entity.Slug,
        Text = entity.Text,
        Speaker = entity.Speaker!.Slug,
        Date = entity.DateText,
        Event = entity.Event?.Slug,
        Commitment = entity.Commitment?.Slug,
        Source = new SourceInput
        {
            Url = entity.Source!.Url, Title = entity.Source.Title, Publisher = entity.Source.Publisher,
            Published = entity.Source.PublishedText, ArchivedUrl = entity.Source.ArchivedUrl,
        },
        Timelines = [.. entity.Timelines.Select(t => t.Slug).Order(StringComparer.Ordinal)],
    };

    public override async Task ApplyAsync(TimelineDbContext db, Quote entity, QuoteWriteRequest write, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        var references = new References(db, failures);
        var timelines = await references.TimelinesAsync(write.Timelines, "timelines[{i}]", cancellationToken);
        var speaker = (await references.ActorsAsync([write.Speaker], "speaker", cancellationToken)).SingleOrDefault();
        var @event = await references.EventAsync(write.Event, "event", cancellationToken);
        var commitment = await references.CommitmentAsync(write.Commitment, "commitment", cancellationToken);
        var source = (await references.SourcesAsync([write.Source], cancellationToken)).Single();
        if (failures.Count > 0)
            return;

        entity.Text = write.Text;
        entity.Speaker = speaker;
        var date = write.Date is null ? null : EdtfDate.Parse(write.Date);
        entity.DateText = date?.Text;
        entity.DateStart = date?.Start;
        entity.DateEnd = date?.End;
        entity.Event = @event;
        entity.EventId = @event?.Id;
        entity.Commitment = commitment;
        entity.CommitmentId = commitment?.Id;
        entity.Source = source;
        References.Sync(entity.Timelines, timelines, (a, b) => a == b, t => t);
    }

    public override Task<QuoteResponse?> RepresentAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        QuoteDetails.LoadAsync(db, key, cancellationToken);

    public override IEnumerable<string> TimelinesOf(Quote entity) => entity.Timelines.Select(t => t.Slug);

    public override void Touch(Quote entity, DateTimeOffset now) => entity.UpdatedAt = now;
}
