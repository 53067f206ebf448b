using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Actors.DeleteActor;

public sealed class DeleteActorEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/actors/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, "deleteActor"));
        Summary(s =>
        {
            s.Summary = "Delete an actor";
            s.Description = WriteDescriptions.Explain(WriteKind.Delete, "Deletes the actor; refused while events, commitments or quotes refer to it.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await DeleteAsync(Route<string>("slug")!, ct));

    private async Task<IResult> DeleteAsync(string slug, CancellationToken ct)
    {
        var current = await ActorEditor.LoadAsync(db.Actors, slug, ct);
        if (edit.Precondition(ActorEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var actor = current!.Entity;
        if (await ActorEditor.BlockingReferenceAsync(db, actor, ct) is { } reference)
            return Problems.Conflict($"The actor '{slug}' is still referred to by {reference}; change that first.");
        edit.Log(ChangeOperation.Delete, actor, ActorEditor.ResourceType, slug, [], ActorEditor.ToWrite(actor), null);
        return await edit.SaveAsync(ct, keepCopies: t => ActorEditor.KeepCopiesAsync(db, search, actor, null, t))
            ?? await edit.CommitAsync(Results.NoContent(), ct);
    }
}
