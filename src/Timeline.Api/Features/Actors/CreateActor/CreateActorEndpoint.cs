using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Actors.CreateActor;

public sealed class CreateActorEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<ActorWriteRequest, ActorResponse>
{
    public override void Configure()
    {
        Post("/actors");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<ActorResponse>(WriteKind.Create, "createActor"));
        Summary(s =>
        {
            s.Summary = "Create an actor";
            s.Description = WriteDescriptions.Explain(WriteKind.Create, "Adds a person, state, organisation or media outlet with every spelling of its name.");
        });
    }

    public override async Task HandleAsync(ActorWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await CreateAsync(req, ct));

    private async Task<IResult> CreateAsync(ActorWriteRequest req, CancellationToken ct)
    {
        if (await ActorEditor.SlugTakenAsync(db, req.Slug, ct))
            return Problems.KeyTaken(ActorEditor.ResourceType, req.Slug);
        var created = new Actor { Slug = req.Slug, Name = req.Name };
        ActorEditor.Apply(created, req);
        db.Actors.Add(created);
        edit.Log(ChangeOperation.Create, created, ActorEditor.ResourceType, created.Slug, [], null, ActorEditor.ToWrite(created));
        return await edit.SaveAsync(ct, keepCopies: t => ActorEditor.KeepCopiesAsync(db, search, created, null, t))
            ?? await edit.CommitAsync(Representation.Of(ActorEditor.Represent(created), StatusCodes.Status201Created, ActorEditor.PathOf(created.Slug)), ct);
    }
}
