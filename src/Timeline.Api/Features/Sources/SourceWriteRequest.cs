using System.Globalization;
using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Writes;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources;

/// <summary>A source as editors write it; sources are identified by id and found by URL when cited.</summary>
public sealed class SourceWriteRequest
{
    public string Url { get; set; } = "";
    public string? Title { get; set; }
    public string? Publisher { get; set; }

    /// <summary>Publication date (EDTF).</summary>
    public string? Published { get; set; }
    public string? ArchivedUrl { get; set; }
}

public sealed class SourceWriteValidator : Validator<SourceWriteRequest>
{
    public static readonly SourceWriteValidator Instance = new();

    public SourceWriteValidator()
    {
        RuleFor(s => s.Url).NotEmpty().MaximumLength(2000);
        RuleFor(s => (string?)s.Url).MustBeHttpUrl().OverridePropertyName("url");
        RuleFor(s => s.ArchivedUrl).MaximumLength(2000).MustBeHttpUrl();
        RuleFor(s => s.Title).MaximumLength(500);
        RuleFor(s => s.Publisher).MaximumLength(200);
        RuleFor(s => s.Published).MustBeEdtf();
    }
}

/// <summary>A source with its id, the key editors use to change it.</summary>
public sealed class SourceDetailResponse
{
    public required long Id { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    public string? Published { get; init; }
    public string? ArchivedUrl { get; init; }

    public static readonly System.Linq.Expressions.Expression<Func<Source, SourceDetailResponse>> Projection = s => new SourceDetailResponse
    {
        Id = s.Id, Url = s.Url, Title = s.Title, Publisher = s.Publisher, Published = s.PublishedText, ArchivedUrl = s.ArchivedUrl,
    };

    public static Task<SourceDetailResponse?> LoadAsync(TimelineDbContext db, string key, CancellationToken ct) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? db.Sources.AsNoTracking().Where(s => s.Id == id).Select(Projection).SingleOrDefaultAsync(ct)
            : Task.FromResult<SourceDetailResponse?>(null);
}

public sealed class SourceEditor : ResourceEditor<Source, SourceWriteRequest, SourceDetailResponse>
{
    public static readonly SourceEditor Instance = new();

    public override string ResourceType => "source";

    /// <summary>A new source's key is its id, known only once saved; the URL stands in until then.</summary>
    public override string KeyOf(SourceWriteRequest write) => write.Url;

    public override string PathOf(string key) => $"/api/v1/sources/{key}";

    public override string KeyOf(Source saved, SourceWriteRequest write) => saved.Id.ToString(CultureInfo.InvariantCulture);

    public override Task<Source?> FindAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? db.Sources.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            : Task.FromResult<Source?>(null);

    public override Task<bool> KeyTakenAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Sources.IgnoreQueryFilters().AnyAsync(s => s.Url == key, cancellationToken);

    public override Source Create(SourceWriteRequest write) => new() { Url = write.Url };

    public override SourceWriteRequest ToWrite(Source entity) => new()
    {
        Url = entity.Url,
        Title = entity.Title,
        Publisher = entity.Publisher,
        Published = entity.PublishedText,
        ArchivedUrl = entity.ArchivedUrl,
    };

    public override async Task ApplyAsync(TimelineDbContext db, Source entity, SourceWriteRequest write, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        if (write.Url != entity.Url && await db.Sources.IgnoreQueryFilters().AnyAsync(s => s.Url == write.Url, cancellationToken))
        {
            failures.Add(new ValidationFailure("url", $"Another source already has the URL '{write.Url}'."));
            return;
        }

        entity.Url = write.Url;
        entity.Title = write.Title;
        entity.Publisher = write.Publisher;
        entity.PublishedText = write.Published;
        entity.ArchivedUrl = write.ArchivedUrl;
    }

    public override async Task<SourceDetailResponse?> RepresentAsync(TimelineDbContext db, string key, CancellationToken cancellationToken) =>
        await SourceDetailResponse.LoadAsync(db, key, cancellationToken)
        ?? await db.Sources.AsNoTracking().Where(s => s.Url == key).Select(SourceDetailResponse.Projection).SingleOrDefaultAsync(cancellationToken);

    public override IEnumerable<string> TimelinesOf(Source entity) => [];

    public override async Task<string?> BlockingReferenceAsync(TimelineDbContext db, Source entity, CancellationToken cancellationToken)
    {
        var id = entity.Id;
        var @event = await db.Events.Where(e => e.Sources.Any(s => s.Id == id)).Select(e => e.Slug).FirstOrDefaultAsync(cancellationToken);
        if (@event is not null)
            return $"the event '{@event}'";
        var assessed = await db.Assessments.Where(a => a.Sources.Any(s => s.Id == id)).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (assessed != 0)
            return $"the assessment {assessed}";
        var quote = await db.Quotes.Where(q => q.SourceId == id).Select(q => q.Slug).FirstOrDefaultAsync(cancellationToken);
        return quote is null ? null : $"the quote '{quote}'";
    }
}
