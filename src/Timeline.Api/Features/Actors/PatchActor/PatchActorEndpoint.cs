using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Actors.PatchActor;

public sealed class PatchActorEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest<ActorResponse>
{
    public override void Configure()
    {
        Patch("/actors/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<ActorResponse>(WriteKind.Patch, "patchActor", patchOf: typeof(ActorWriteRequest)));
        Summary(s =>
        {
            s.Summary = "Change an actor";
            s.Description = WriteDescriptions.Explain(WriteKind.Patch, "Changes some fields of the actor.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await PatchAsync(Route<string>("slug")!, ct));

    private async Task<IResult> PatchAsync(string slug, CancellationToken ct)
    {
        var current = await ActorEditor.LoadAsync(db.Actors, slug, ct);
        if (edit.Precondition(ActorEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var actor = current!.Entity;
        var before = ActorEditor.ToWrite(actor);
        var (write, invalid) = await edit.MergeAsync(before, ActorWriteValidator.Instance, ct);
        if (write is null)
            return invalid!;
        ActorEditor.Apply(actor, write);
        edit.Log(ChangeOperation.Update, actor, ActorEditor.ResourceType, slug, [], before, ActorEditor.ToWrite(actor));
        return await edit.SaveAsync(ct, keepCopies: t => ActorEditor.KeepCopiesAsync(db, search, actor, before, t))
            ?? await edit.CommitAsync(Representation.Of(ActorEditor.Represent(actor)), ct);
    }
}
