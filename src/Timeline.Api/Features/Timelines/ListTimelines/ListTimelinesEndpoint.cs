using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Timelines.ListTimelines;

public sealed class ListTimelinesRequest : IPagedRequest
{
    /// <summary>Items per page, 1–200 (default 50).</summary>
    [QueryParam]
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page, to fetch the next one.</summary>

    [QueryParam]
    public string? Cursor { get; set; }
}

public sealed record TimelineCursor(string Slug);

public sealed class ListTimelinesValidator : Validator<ListTimelinesRequest>
{
    public ListTimelinesValidator() => Include(new PagingValidator<TimelineCursor>());
}

public sealed class ListTimelinesEndpoint(TimelineDbContext db) : Endpoint<ListTimelinesRequest, PageResponse<TimelineResponse>>
{
    public override void Configure()
    {
        Get("/timelines");
        AllowAnonymous();
        Description(d => d.WithName("listTimelines").ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "List timelines";
            s.Description = "Every timeline (story), by slug.";
        });
    }

    public override async Task HandleAsync(ListTimelinesRequest req, CancellationToken ct)
    {
        var query = db.Timelines.AsNoTracking();
#pragma warning disable CA1309 // string.Compare runs in SQL (binary collation); the ordinal overload does not translate
        if (Paging.TryDecode<TimelineCursor>(req.Cursor, out var after))
            query = query.Where(t => string.Compare(t.Slug, after.Slug) > 0);
#pragma warning restore CA1309

        var limit = Paging.LimitOf(req);
        var rows = await query.OrderBy(t => t.Slug).TakeWrittenIn(limit + 1).Select(TimelineResponse.Projection).ToListAsync(ct);
        await Send.OkAsync(Paging.ToPage(HttpContext, rows, limit, t => new TimelineCursor(t.Slug)), ct);
    }
}
