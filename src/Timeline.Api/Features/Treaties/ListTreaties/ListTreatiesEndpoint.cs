using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Treaties.ListTreaties;

public sealed class ListTreatiesRequest : TreatyListRequest
{
    /// <summary>Only treaties this actor (slug) is a party to; <c>status</c> then filters on its status.</summary>
    [QueryParam]
    public string? Party { get; set; }

    /// <summary>Only treaties of this timeline (slug).</summary>
    [QueryParam]
    public string? Timeline { get; set; }
}

public sealed class ListTreatiesValidator : TreatyListValidator<ListTreatiesRequest>
{
    public ListTreatiesValidator()
    {
        RuleFor(r => r.Party).MaximumLength(120);
        RuleFor(r => r.Timeline).MaximumLength(120);
    }
}

public sealed class ListTreatiesEndpoint(TimelineDbContext db, IFullTextSearch search)
    : Endpoint<ListTreatiesRequest, PageResponse<TreatySummaryResponse>>
{
    public override void Configure()
    {
        Get("/treaties");
        AllowAnonymous();
        Description(d => d.WithName("listTreaties").ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "List treaties";
            s.Description = "Treaties, agreements, charters, programmes and declarations with their force and parties' statuses today, or as "
                + "recorded up to `asOf`; filtered by party, status, signing date (`from`, `to`), timeline and text.";
        });
    }

    public override async Task HandleAsync(ListTreatiesRequest req, CancellationToken ct)
    {
        var treaties = req.Timeline is null ? db.Treaties : db.Treaties.Where(t => t.Timelines.Any(x => x.Slug == req.Timeline));
        long? party = null;
        if (req.Party is not null)
        {
            // An unknown party matches nothing (as every list filter does); its id keeps the filter an index range.
            party = await db.Actors.Where(a => a.Slug == req.Party).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct) ?? -1;
        }

        await Send.OkAsync(await TreatyList.PageAsync(db, search, treaties, party, req, HttpContext, (_, standing) => standing.Summary(), ct), ct);
    }
}
