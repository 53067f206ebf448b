using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Treaties;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.ListActorTreaties;

public sealed class ListActorTreatiesRequest : TreatyListRequest
{
    public string Slug { get; set; } = "";
}

public sealed class ListActorTreatiesValidator : TreatyListValidator<ListActorTreatiesRequest>;

/// <summary>A treaty the actor is a party to, with the actor's own status under it.</summary>
public sealed class ActorTreatyResponse : TreatySummaryResponse
{
    /// <summary>The actor's status under the treaty on the day asked for.</summary>
    public required PartyStatus Status { get; init; }

    /// <summary>Date of the action that gave it; null for not-signed.</summary>
    public DateResponse? StatusSince { get; init; }
}

public sealed class ListActorTreatiesEndpoint(TimelineDbContext db, IFullTextSearch search)
    : Endpoint<ListActorTreatiesRequest, PageResponse<ActorTreatyResponse>>
{
    public override void Configure()
    {
        Get("/actors/{slug}/treaties");
        AllowAnonymous();
        Description(d => d.WithName("listActorTreaties")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "List an actor's treaties";
            s.Description = "A state's (or organisation's) treaty record: every treaty it is a party to, with its own status today or as of "
                + "`asOf`; `status` filters on that status.";
        });
    }

    public override async Task HandleAsync(ListActorTreatiesRequest req, CancellationToken ct)
    {
        var actor = await db.Actors.AsNoTracking().Where(a => a.Slug == req.Slug).Select(a => new { a.Id, a.Slug, a.Name }).SingleOrDefaultAsync(ct);
        if (actor is null)
        {
            await Send.ResultAsync(Problems.NotFound("actor", req.Slug));
            return;
        }

        var page = await TreatyList.PageAsync(db, search, db.Treaties, actor.Id, req, HttpContext, (treaty, standing) =>
        {
            var summary = standing.Summary();
            var own = summary.Parties.Single(p => p.Party.Slug == actor.Slug);
            return new ActorTreatyResponse
            {
                Slug = summary.Slug,
                Title = summary.Title,
                ShortTitle = summary.ShortTitle,
                Kind = summary.Kind,
                SignedOn = summary.SignedOn,
                Place = summary.Place,
                TextUrl = summary.TextUrl,
                InForce = summary.InForce,
                InForceSince = summary.InForceSince,
                Provisional = summary.Provisional,
                Parties = summary.Parties,
                Timelines = summary.Timelines,
                Status = own.Status,
                StatusSince = own.Since,
            };
        }, ct);
        await Send.OkAsync(page, ct);
    }
}
