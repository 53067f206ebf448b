using FastEndpoints;
using FluentValidation;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Search.SearchAll;

public sealed class SearchRequest : IPagedRequest
{
    /// <summary>Words to find (every word must match, as a prefix; accents and case are ignored).</summary>
    [QueryParam]
    public string? Q { get; set; }

    /// <summary>Only this kind of result: event, commitment, actor, quote.</summary>
    [QueryParam]
    public string? Kind { get; set; }

    /// <summary>Items per page, 1–200 (default 50).</summary>

    [QueryParam]
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page, to fetch the next one.</summary>

    [QueryParam]
    public string? Cursor { get; set; }
}

/// <summary>Search results are ranked, so the cursor is a position in the ranking.</summary>
public sealed record SearchCursor(int Offset);

public sealed class SearchValidator : Validator<SearchRequest>
{
    public SearchValidator()
    {
        Include(new PagingValidator<SearchCursor>());
        RuleFor(r => r.Q).NotEmpty().WithMessage("q is required.").MaximumLength(200);
        RuleFor(r => r.Kind)
            .Must(k => k is null || SearchKinds.All.Contains(k))
            .WithMessage($"kind must be one of: {string.Join(", ", SearchKinds.All)}.");
    }
}

/// <summary>One search result, with the API path of the resource.</summary>
public sealed class SearchResultResponse
{
    public required string Kind { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }

    /// <summary>Plain-text excerpt around the match.</summary>
    public required string Snippet { get; init; }
    public required string Href { get; init; }
}

public sealed class SearchEndpoint(TimelineDbContext db, IFullTextSearch search) : Endpoint<SearchRequest, PageResponse<SearchResultResponse>>
{
    public override void Configure()
    {
        Get("/search");
        AllowAnonymous();
        Description(d => d.WithName("search").ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "Search everything";
            s.Description = "Full-text search across events, commitments, actors (with all alias spellings) and quotes, best matches first. "
                + $"Ranking looks at the {SearchKinds.RankedPerKind} most recently indexed matches of each kind, so a very common word "
                + "answers as fast as a rare one; add words to narrow it.";
        });
    }

    public override async Task HandleAsync(SearchRequest req, CancellationToken ct)
    {
        var offset = Paging.TryDecode<SearchCursor>(req.Cursor, out var after) ? Math.Max(0, after.Offset) : 0;
        var limit = Paging.LimitOf(req);
        var hits = await search.SearchAsync(db, req.Q!, req.Kind, offset, limit + 1, ct);
        var results = (hits ?? []).Select(h => new SearchResultResponse
        {
            Kind = h.Kind,
            Slug = h.Slug,
            Title = h.Title,
            Snippet = h.Snippet,
            Href = $"/api/v1/{h.Kind}s/{h.Slug}",
        }).ToList();
        await Send.OkAsync(Paging.ToPage(HttpContext, results, limit, _ => new SearchCursor(offset + limit)), ct);
    }
}
