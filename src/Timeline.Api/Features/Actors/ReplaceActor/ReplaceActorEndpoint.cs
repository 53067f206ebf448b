using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Actors.ReplaceActor;

public sealed class ReplaceActorEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<ActorWriteRequest, ActorResponse>
{
    public override void Configure()
    {
        Put("/actors/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<ActorResponse>(WriteKind.Replace, "replaceActor"));
        Summary(s =>
        {
            s.Summary = "Replace an actor";
            s.Description = WriteDescriptions.Explain(WriteKind.Replace, "Replaces every field of the actor.");
        });
    }

    public override async Task HandleAsync(ActorWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await ReplaceAsync(Route<string>("slug")!, req, ct));

    private async Task<IResult> ReplaceAsync(string slug, ActorWriteRequest req, CancellationToken ct)
    {
        var current = await ActorEditor.LoadAsync(db.Actors, slug, ct);
        if (edit.Precondition(ActorEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var actor = current!.Entity;
        var before = ActorEditor.ToWrite(actor);
        ActorEditor.Apply(actor, req);
        edit.Log(ChangeOperation.Update, actor, ActorEditor.ResourceType, slug, [], before, ActorEditor.ToWrite(actor));
        return await edit.SaveAsync(ct, keepCopies: t => ActorEditor.KeepCopiesAsync(db, search, actor, before, t))
            ?? await edit.CommitAsync(Representation.Of(ActorEditor.Represent(actor)), ct);
    }
}
