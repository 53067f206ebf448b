using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Commitments;

/// <summary>The filters every list and export of commitments takes.</summary>
public abstract class CommitmentFilterRequest
{
    /// <summary>Only commitments with this status on the <c>asOf</c> day: not-started, in-progress, stalled, partially-materialised, materialised, abandoned.</summary>
    [QueryParam]
    public CommitmentStatus? Status { get; set; }

    /// <summary>Only commitments in this category: political, economic, monetary, defence, legal, social.</summary>
    [QueryParam]
    public CommitmentCategory? Category { get; set; }

    /// <summary>Only commitments this actor (slug) is a party to.</summary>
    [QueryParam]
    public string? Party { get; set; }

    /// <summary>Report each status as recorded up to this EDTF date (its last day); without it, the current status.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }

    /// <summary>Full-text search in titles and descriptions.</summary>
    [QueryParam]
    public string? Q { get; set; }

    /// <summary>The language of the texts (BCP 47); without it, <c>Accept-Language</c> decides. Texts not available in it fall back (see <c>fallbacks</c>).</summary>
    [QueryParam]
    public string? Lang { get; set; }
}

/// <summary>The commitment filters plus keyset paging, for the JSON lists.</summary>
public abstract class CommitmentListRequest : CommitmentFilterRequest, IPagedRequest
{
    /// <summary>Items per page, 1–200 (default 50).</summary>

    [QueryParam]
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page, to fetch the next one.</summary>

    [QueryParam]
    public string? Cursor { get; set; }
}

/// <summary>The sort key of the last commitment on a page (commitments keep the order they were made in).</summary>
public sealed record CommitmentCursor(long Id);

/// <summary>Checks the shape of the commitment filters; lists add paging.</summary>
public abstract class CommitmentFilterValidator<TRequest> : Validator<TRequest> where TRequest : CommitmentFilterRequest
{
    protected CommitmentFilterValidator()
    {
        RuleFor(r => r.Party).MaximumLength(120);
        RuleFor(r => r.Q).MaximumLength(200);
        RuleFor(r => r.Lang).MustBeLanguageTag();
    }
}

/// <summary>The commitment filters plus paging.</summary>
public abstract class CommitmentListValidator<TRequest> : CommitmentFilterValidator<TRequest> where TRequest : CommitmentListRequest
{
    protected CommitmentListValidator() => Include(new PagingValidator<CommitmentCursor>());
}

/// <summary>Runs a commitment list over any starting set of commitments.</summary>
public static class CommitmentList
{
    /// <summary>
    /// The request's filters over a starting set of commitments, each with its status on the <c>asOf</c> day, untracked;
    /// the exports share it with the lists.
    /// </summary>
    public static IQueryable<CommitmentAsOf> Filter(TimelineDbContext db, IFullTextSearch search, IQueryable<Commitment> commitments, CommitmentFilterRequest request)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(request);
        var query = commitments.AsNoTracking();
        if (request.Category is { } category)
            query = query.Where(c => c.Category == category);

        if (request.Party is not null)
            query = query.Where(c => c.Parties.Any(p => p.Slug == request.Party));
        if (request.Q is not null)
        {
            var matches = search.MatchingIds(db, request.Q, SearchKinds.Commitment);
            query = matches is null ? query.Where(_ => false) : query.Where(c => matches.Contains(c.Id));
        }

        var withStatus = query.WithStatusAsOf(DateQuery.AsOf(request.AsOf));
        if (request.Status is { } status)
            withStatus = withStatus.Where(r => r.Status == status);

        return withStatus;
    }

    public static async Task<PageResponse<CommitmentSummaryResponse>> PageAsync(
        TimelineDbContext db,
        IFullTextSearch search,
        IQueryable<Commitment> commitments,
        CommitmentListRequest request,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var withStatus = Filter(db, search, commitments, request);
        if (Paging.TryDecode<CommitmentCursor>(request.Cursor, out var after))
            withStatus = withStatus.Where(r => r.Commitment.Id > after.Id);

        // Two steps keep the page in the order commitments were made (by id) without exposing ids:
        // the page's keys first, then their projections.
        var limit = Paging.LimitOf(request);
        var keys = await withStatus
            .OrderBy(r => r.Commitment.Id)
            .Select(r => new { r.Commitment.Id, r.Commitment.Slug })
            .TakeWrittenIn(limit + 1)
            .ToListAsync(cancellationToken);
        var page = Paging.ToPage(context, keys, limit, k => new CommitmentCursor(k.Id));
        var slugs = page.Items.Select(k => k.Slug).ToList();
        var rows = await db.Commitments.AsNoTracking()
            .Where(c => slugs.Contains(c.Slug))
            .WithStatusAsOf(DateQuery.AsOf(request.AsOf))
            .Select(CommitmentSummaryResponse.Rows)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var bySlug = rows.ToDictionary(i => i.Slug, StringComparer.Ordinal);
        var texts = TextChooser.For(context.Request);
        var items = slugs.Select((s, i) => CommitmentSummaryResponse.From(bySlug[s], texts, $"/items/{i}")).ToList();
        texts.Announce(context.Response);
        return new PageResponse<CommitmentSummaryResponse> { Items = items, NextCursor = page.NextCursor, Fallbacks = texts.Fallbacks };
    }
}
