using FastEndpoints;
using FastEndpoints.Swagger;
using Timeline.Api.Data;
using Timeline.Api.Features.Changes.ListChanges;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Changes.ListResourceChanges;

public sealed class ListResourceChangesRequest : IPagedRequest
{
    /// <summary>events, commitments, treaties, actors, timelines, quotes or sources.</summary>
    public string Resources { get; set; } = "";

    /// <summary>The resource's slug (id for sources).</summary>
    public string Key { get; set; } = "";

    /// <summary>Items per page, 1–200 (default 50).</summary>
    [QueryParam]
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page, to fetch the next one.</summary>
    [QueryParam]
    public string? Cursor { get; set; }
}

public sealed class ListResourceChangesValidator : Validator<ListResourceChangesRequest>
{
    public ListResourceChangesValidator() => Include(new PagingValidator<ChangeCursor>());
}

/// <summary>One resource's own change log; deleted resources keep theirs.</summary>
public sealed class ListResourceChangesEndpoint(TimelineDbContext db) : Endpoint<ListResourceChangesRequest, PageResponse<ChangeResponse>>
{
    public override void Configure()
    {
        Get("/{resources:regex(^(events|commitments|actors|timelines|quotes|sources|treaties)$)}/{key}/changes");
        AllowAnonymous();
        Description(d => d.WithName("listResourceChanges").ProducesProblem(StatusCodes.Status400BadRequest).AutoTagOverride("changes"));
        Summary(s =>
        {
            s.Summary = "List a resource's changes";
            s.Description = "The change log of one event, commitment (with its assessments), treaty (with its actions), actor, timeline, quote or source, newest first.";
        });
    }

    public override async Task HandleAsync(ListResourceChangesRequest req, CancellationToken ct)
    {
        var type = req.Resources == "treaties" ? "treaty" : req.Resources[..^1];
        // A commitment's log includes its assessments' (a treaty's, its actions') ("<slug>/<id>"): a range of the (type, key, id) index, as
        // '/' + 1 is '0'. string.Compare runs in SQL with binary collation; the ordinal overload does not translate.
        var (from, to) = (req.Key + "/", req.Key + "0");
#pragma warning disable CA1309
        var changes = type == "commitment"
            ? db.Changes.Where(c => (c.ResourceType == "commitment" && c.ResourceKey == req.Key)
                || (c.ResourceType == "assessment" && string.Compare(c.ResourceKey, from) >= 0 && string.Compare(c.ResourceKey, to) < 0))
            : type == "treaty"
            ? db.Changes.Where(c => (c.ResourceType == "treaty" && c.ResourceKey == req.Key)
                || (c.ResourceType == "treaty-action" && string.Compare(c.ResourceKey, from) >= 0 && string.Compare(c.ResourceKey, to) < 0))
            : db.Changes.Where(c => c.ResourceType == type && c.ResourceKey == req.Key);
#pragma warning restore CA1309
        await Send.OkAsync(await ChangePages.PageAsync(db, changes.Select(c => c.Id), req, HttpContext, ct), ct);
    }
}
