using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Events.DeleteEvent;

public sealed class DeleteEventEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/events/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, "deleteEvent"));
        Summary(s =>
        {
            s.Summary = "Delete an event";
            s.Description = WriteDescriptions.Explain(WriteKind.Delete, "Deletes the event; refused while commitments, quotes or other events refer to it.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await DeleteAsync(Route<string>("slug")!, ct));

    private async Task<IResult> DeleteAsync(string slug, CancellationToken ct)
    {
        var current = await EventEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(EventEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        if (current!.Mentions.BlockingReference() is { } reference)
            return Problems.Conflict($"The event '{slug}' is still referred to by {reference}; change that first.");
        edit.Log(ChangeOperation.Delete, current.Event, EventEditor.ResourceType, slug, EventEditor.TimelinesOf(current.Event), EventEditor.ToWrite(current.Event), null);
        return await edit.SaveAsync(ct, keepCopies: t => EventEditor.KeepCopiesAsync(db, search, current.Event, t))
            ?? await edit.CommitAsync(Results.NoContent(), ct);
    }
}
