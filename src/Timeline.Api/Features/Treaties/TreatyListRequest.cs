using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Queries;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties;

/// <summary>The filters and paging every list of treaties takes.</summary>
public abstract class TreatyListRequest : IPagedRequest
{
    /// <summary>
    /// Only treaties where a party had this status on the <c>asOf</c> day (with <c>party</c>, that party): not-signed, signed,
    /// ratified, in-force, suspended, withdrawn.
    /// </summary>
    [QueryParam]
    public PartyStatus? Status { get; set; }

    /// <summary>Report statuses as recorded up to this EDTF date (its last day); without it, today's.</summary>
    [QueryParam]
    public EdtfDate? AsOf { get; set; }

    /// <summary>Treaties signed on or after this EDTF date (<c>2019-12</c> = from 1 December 2019).</summary>
    [QueryParam]
    public EdtfDate? From { get; set; }

    /// <summary>Treaties signed on or before this EDTF date (<c>2019-12</c> = up to 31 December 2019).</summary>
    [QueryParam]
    public EdtfDate? To { get; set; }

    /// <summary>Full-text search in titles, short titles, descriptions and places.</summary>
    [QueryParam]
    public string? Q { get; set; }

    /// <summary>Items per page, 1–200 (default 50).</summary>
    [QueryParam]
    public int? Limit { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page, to fetch the next one.</summary>
    [QueryParam]
    public string? Cursor { get; set; }
}

/// <summary>The sort key of the last treaty on a page (treaties keep the order they were recorded in).</summary>
public sealed record TreatyCursor(long Id);

public abstract class TreatyListValidator<TRequest> : Validator<TRequest> where TRequest : TreatyListRequest
{
    protected TreatyListValidator()
    {
        RuleFor(r => r.To).MustNotEndBefore(r => r.From);
        RuleFor(r => r.Q).MaximumLength(200);
        Include(new PagingValidator<TreatyCursor>());
    }
}

/// <summary>Runs a treaty list over any starting set of treaties.</summary>
public static class TreatyList
{
    // With a status filter, statuses are derived in memory (they are a walk of each record): candidates are read in
    // chunks by id until the page is full, each chunk's statuses from its actions' few columns alone, and only the
    // treaties that pass are loaded whole; a page costs its own rows plus the action rows of the ones the filter skips.
    private const int Chunk = 500;

    /// <summary>
    /// One page of <paramref name="treaties"/> filtered by the request, each mapped by <paramref name="map"/> from its standing
    /// on the <c>asOf</c> day. <paramref name="party"/> is the actor whose status <c>status</c> filters on (null: any party).
    /// </summary>
    public static async Task<PageResponse<TItem>> PageAsync<TItem>(
        TimelineDbContext db,
        IFullTextSearch search,
        IQueryable<Treaty> treaties,
        long? party,
        TreatyListRequest request,
        HttpContext context,
        Func<Treaty, TreatyStanding, TItem> map,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(map);
        var query = treaties.AsNoTracking();
        if (party is { } partyId)
            query = query.Where(t => t.Parties.Any(p => p.Id == partyId));
        if (DateQuery.StartOf(request.From) is { } from)
            query = query.Where(t => t.SignedEnd >= from);
        if (DateQuery.EndOf(request.To) is { } to)
            query = query.Where(t => t.SignedStart <= to);
        if (request.Q is not null)
        {
            var matches = search.MatchingIds(db, request.Q, SearchKinds.Treaty);
            query = matches is null ? query.Where(_ => false) : query.Where(t => matches.Contains(t.Id));
        }

        var after = Paging.TryDecode<TreatyCursor>(request.Cursor, out var cursor) ? cursor.Id : 0;
        var asOf = DateQuery.AsOf(request.AsOf);
        var status = request.Status;
        var limit = Paging.LimitOf(request);
        var rows = new List<(long Id, TItem Item)>();
        while (rows.Count <= limit)
        {
            var want = status is null ? limit + 1 - rows.Count : Chunk;
            var ids = await query.Where(t => t.Id > after).OrderBy(t => t.Id).Select(t => t.Id).TakeWrittenIn(want).ToListAsync(ct);
            if (ids.Count == 0)
                break;
            var shown = status is { } wanted ? await WithStatusAsync(db, ids, party, wanted, asOf, limit + 1 - rows.Count, ct) : ids;
            var loaded = shown.Count == 0 ? [] : await db.Treaties.AsNoTracking()
                .Include(t => t.Timelines).Include(t => t.Parties).Include(t => t.Actions)
                .Where(t => shown.Contains(t.Id))
                .AsSplitQuery()
                .ToDictionaryAsync(t => t.Id, ct);
            foreach (var id in shown)
            {
                rows.Add((id, map(loaded[id], new TreatyStanding(loaded[id], asOf))));
                if (rows.Count > limit)
                    break;
            }

            after = ids[^1];
            if (ids.Count < want)
                break;
        }

        var page = Paging.ToPage(context, rows, limit, r => new TreatyCursor(r.Id));
        return new PageResponse<TItem> { Items = [.. page.Items.Select(r => r.Item)], NextCursor = page.NextCursor };
    }

    /// <summary>
    /// The first <paramref name="most"/> of <paramref name="ids"/> (in their order) where the party — or, without one, any
    /// party — has <paramref name="status"/> on the day, by the same rules as <see cref="TreatyStanding"/>, read from the
    /// actions' and parties' keys only (two statements over the treaty-id indexes).
    /// </summary>
    private static async Task<List<long>> WithStatusAsync(TimelineDbContext db, List<long> ids, long? party, PartyStatus status, DateOnly asOf,
        int most, CancellationToken ct)
    {
        var actions = (await db.TreatyActions.AsNoTracking().Where(a => ids.Contains(a.TreatyId))
                .Select(a => new { a.TreatyId, a.Id, a.PartyId, a.Kind, a.DateStart, a.DateEnd, Retracted = a.RetractedAt != null })
                .ToListAsync(ct))
            .ToLookup(a => a.TreatyId, a => new TreatyActionEntry(a.Id, a.PartyId, a.Kind, a.DateStart, a.DateEnd, a.Retracted));
        var parties = party is { } only
            ? ids.ToLookup(id => id, _ => only)
            : (await db.Treaties.AsNoTracking().Where(t => ids.Contains(t.Id))
                    .Select(t => new { t.Id, Parties = t.Parties.Select(p => p.Id).ToList() }).ToListAsync(ct))
                .SelectMany(t => t.Parties, (t, p) => (Treaty: t.Id, Party: p))
                .ToLookup(p => p.Treaty, p => p.Party);
        return [.. ids.Where(id =>
            {
                var record = new TreatyRecord(actions[id]);
                return parties[id].Any(p => record.StatusOf(p, asOf).Status == status);
            }).Take(most)];
    }
}
