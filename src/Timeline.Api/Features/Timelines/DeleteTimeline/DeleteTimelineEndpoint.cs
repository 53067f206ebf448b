using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Timelines.DeleteTimeline;

public sealed class DeleteTimelineEndpoint(TimelineDbContext db, EditSession edit) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/timelines/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, "deleteTimeline"));
        Summary(s =>
        {
            s.Summary = "Delete a timeline";
            s.Description = WriteDescriptions.Explain(WriteKind.Delete, "Deletes the timeline; refused while events, commitments or quotes belong to it.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await DeleteAsync(Route<string>("slug")!, ct));

    private async Task<IResult> DeleteAsync(string slug, CancellationToken ct)
    {
        var current = await TimelineEditor.LoadAsync(db.Timelines, slug, ct);
        if (edit.Precondition(TimelineEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        if (await TimelineEditor.BlockingReferenceAsync(db, current!.Timeline, ct) is { } reference)
            return Problems.Conflict($"The timeline '{slug}' is still referred to by {reference}; change that first.");
        edit.Log(ChangeOperation.Delete, current.Timeline, TimelineEditor.ResourceType, slug, [slug], TimelineEditor.ToWrite(current.Timeline), null);
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Results.NoContent(), ct);
    }
}
