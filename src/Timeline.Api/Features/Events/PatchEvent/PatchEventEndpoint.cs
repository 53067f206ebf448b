using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Events.PatchEvent;

/// <summary>
/// <c>PATCH /events/{slug}</c>, top to bottom: load the event (two queries) → check <c>If-Match</c> against its
/// representation's ETag → merge the patch into its write representation and validate it → apply it, resolving new
/// references → log the change → save (412 if another write won) → refresh its search row → commit, evict cached reads
/// and answer with the new representation, built from what was loaded and changed.
/// </summary>
public sealed class PatchEventEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest<EventResponse>
{
    public override void Configure()
    {
        Patch("/events/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<EventResponse>(WriteKind.Patch, "patchEvent", patchOf: typeof(EventWriteRequest)));
        Summary(s =>
        {
            s.Summary = "Change an event";
            s.Description = WriteDescriptions.Explain(WriteKind.Patch, "Changes some fields of the event.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await PatchAsync(Route<string>("slug")!, ct));

    private async Task<IResult> PatchAsync(string slug, CancellationToken ct)
    {
        var current = await EventEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(EventEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var before = EventEditor.ToWrite(current!.Event);
        var (write, invalid) = await edit.MergeAsync(before, EventWriteValidator.Instance, ct);
        if (write is null)
            return invalid!;
        if (await EventEditor.ApplyAsync(db, current.Event, write, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, current.Event, EventEditor.ResourceType, slug, EventEditor.TimelinesOf(current.Event), before, EventEditor.ToWrite(current.Event));
        return await edit.SaveAsync(ct, keepCopies: t => EventEditor.KeepCopiesAsync(db, search, current.Event, t))
            ?? await edit.CommitAsync(Representation.Of(EventDetails.Build(current.Event, current.Mentions)), ct);
    }
}
