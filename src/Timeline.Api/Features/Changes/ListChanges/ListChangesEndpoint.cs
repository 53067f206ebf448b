using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Changes.ListChanges;

public sealed class ListChangesRequest : IPagedRequest
{
    /// <summary>Only changes to resources of this timeline (slug).</summary>
    [QueryParam]
    public string? Timeline { get; set; }

    /// <summary>Only changes to this kind of resource: event, commitment, actor, timeline, quote, source, assessment.</summary>
    [QueryParam]
    public string? Resource { get; set; }

    /// <summary>Only changes made at or after this instant (ISO 8601, e.g. 2026-01-31T00:00:00Z).</summary>
    [QueryParam]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Items per page, 1–200 (default 50).</summary>
    [QueryParam]
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page, to fetch the next one.</summary>
    [QueryParam]
    public string? Cursor { get; set; }
}

public sealed class ListChangesValidator : Validator<ListChangesRequest>
{
    public static readonly string[] Resources = ["event", "commitment", "actor", "timeline", "quote", "source", "assessment"];

    public ListChangesValidator()
    {
        Include(new PagingValidator<ChangeCursor>());
        RuleFor(r => r.Timeline).MaximumLength(120);
        RuleFor(r => r.Resource)
            .Must(r => r is null || Resources.Contains(r))
            .WithMessage($"resource must be one of: {string.Join(", ", Resources)}.");
    }
}

public sealed class ListChangesEndpoint(TimelineDbContext db) : Endpoint<ListChangesRequest, PageResponse<ChangeResponse>>
{
    public override void Configure()
    {
        Get("/changes");
        AllowAnonymous();
        Description(d => d.WithName("listChanges").ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "List changes";
            s.Description = "The public log of every write — a corrections log: when, by which key's name, what changed (before → after). Newest first.";
        });
    }

    public override async Task HandleAsync(ListChangesRequest req, CancellationToken ct)
    {
        var query = db.Changes.AsNoTracking();
        if (req.Timeline is not null)
        {
            var padded = $" {req.Timeline} ";
            query = query.Where(c => (" " + c.Timelines + " ").Contains(padded));
        }

        if (req.Resource is not null)
            query = query.Where(c => c.ResourceType == req.Resource);
        if (req.Since is { } since)
        {
            // Entries are stored in UTC, and the stored form compares only instants with the same offset.
            var utc = since.ToUniversalTime();
            query = query.Where(c => c.At >= utc);
        }
        await Send.OkAsync(await ChangePages.PageAsync(query, req, HttpContext, ct), ct);
    }
}

/// <summary>Keyset pages of the change log, newest first.</summary>
public static class ChangePages
{
    public static async Task<PageResponse<ChangeResponse>> PageAsync(IQueryable<Domain.ChangeLogEntry> changes, IPagedRequest request, HttpContext context, CancellationToken ct)
    {
        if (Paging.TryDecode<ChangeCursor>(request.Cursor, out var after))
            changes = changes.Where(c => c.Id < after.Id);
        var limit = Paging.LimitOf(request);
        var rows = await changes.OrderByDescending(c => c.Id).Take(limit + 1).Select(ChangeResponse.Projection).ToListAsync(ct);
        return Paging.ToPage(context, rows, limit, c => new ChangeCursor(c.Id));
    }
}
