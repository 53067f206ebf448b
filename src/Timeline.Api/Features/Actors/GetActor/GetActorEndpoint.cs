using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Actors.GetActor;

public sealed class GetActorRequest
{
    public string Slug { get; set; } = "";
}

public sealed class GetActorEndpoint(TimelineDbContext db) : Endpoint<GetActorRequest, ActorResponse>
{
    public override void Configure()
    {
        Get("/actors/{slug}");
        AllowAnonymous();
        Description(d => d.WithName("getActor").ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Get an actor";
            s.Description = "An actor with its aliases.";
        });
    }

    public override async Task HandleAsync(GetActorRequest req, CancellationToken ct)
    {
        var actor = await ActorEditor.LoadAsync(db.Actors.AsNoTracking(), req.Slug, ct);
        await Send.ResultAsync(actor is null ? Problems.NotFound("actor", req.Slug) : actor.Representation);
    }
}
