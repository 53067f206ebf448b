using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
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
        // The keys of the entries asked for, newest first: a timeline's from its rows of ChangeLogTimelines, a kind of
        // resource's from the (type, id) index, the rest from the log's primary key; each an index range.
        IQueryable<long> keys;
        if (req.Timeline is not null)
        {
            keys = db.ChangeTimelines.Where(t => t.Timeline == req.Timeline).Select(t => t.ChangeId);
            if (req.Resource is not null)
                keys = keys.Where(id => db.Changes.Any(c => c.Id == id && c.ResourceType == req.Resource));
        }
        else
        {
            keys = req.Resource is null
                ? db.Changes.Select(c => c.Id)
                : db.Changes.Where(c => c.ResourceType == req.Resource).Select(c => c.Id);
        }

        if (req.Since is { } since)
        {
            // Entries are stored in UTC, and the stored form compares only instants with the same offset. Ids grow with
            // time, so the first entry from a minute before `since` (one probe of the At index; two writes' clocks and ids
            // may disagree by the time a save takes) bounds the walk by id as well: a page never reads far back past `since`.
            var utc = since.ToUniversalTime();
            var margin = utc > DateTimeOffset.MinValue.AddMinutes(1) ? utc.AddMinutes(-1) : utc;
            var first = await db.Changes.Where(c => c.At >= margin).OrderBy(c => c.At).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            if (first is not { } firstId)
            {
                await Send.OkAsync(new PageResponse<ChangeResponse> { Items = [] }, ct);
                return;
            }

            keys = keys.Where(id => id >= firstId && db.Changes.Any(c => c.Id == id && c.At >= utc));
        }

        await Send.OkAsync(await ChangePages.PageAsync(db, keys, req, HttpContext, ct), ct);
    }
}

/// <summary>Keyset pages of the change log, newest first.</summary>
public static class ChangePages
{
    /// <summary>One page of the entries whose ids <paramref name="keys"/> gives: a page of keys (an index range), then those entries by key.</summary>
    public static async Task<PageResponse<ChangeResponse>> PageAsync(TimelineDbContext db, IQueryable<long> keys, IPagedRequest request, HttpContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Paging.TryDecode<ChangeCursor>(request.Cursor, out var after))
            keys = keys.Where(id => id < after.Id);
        var limit = Paging.LimitOf(request);
        var page = await keys.OrderByDescending(id => id).TakeWrittenIn(limit + 1).ToListAsync(ct);
        var rows = await db.Changes.AsNoTracking().Where(c => page.Contains(c.Id)).Select(ChangeResponse.Projection).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        return Paging.ToPage(context, [.. page.Where(byId.ContainsKey).Select(id => byId[id])], limit, c => new ChangeCursor(c.Id));
    }
}
