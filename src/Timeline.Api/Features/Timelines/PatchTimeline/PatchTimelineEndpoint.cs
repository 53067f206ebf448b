using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Timelines.PatchTimeline;

public sealed class PatchTimelineEndpoint(TimelineDbContext db, EditSession edit) : EndpointWithoutRequest<TimelineResponse>
{
    public override void Configure()
    {
        Patch("/timelines/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TimelineResponse>(WriteKind.Patch, "patchTimeline", patchOf: typeof(TimelineWriteRequest)));
        Summary(s =>
        {
            s.Summary = "Change a timeline";
            s.Description = WriteDescriptions.Explain(WriteKind.Patch, "Changes some fields of the timeline.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await PatchAsync(Route<string>("slug")!, ct));

    private async Task<IResult> PatchAsync(string slug, CancellationToken ct)
    {
        var current = await TimelineEditor.LoadAsync(db.Timelines, slug, ct);
        if (edit.Precondition(TimelineEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var before = TimelineEditor.ToWrite(current!.Timeline);
        var (write, invalid) = await edit.MergeAsync(before, TimelineWriteValidator.Instance, ct);
        if (write is null)
            return invalid!;
        TimelineEditor.Apply(current.Timeline, write);
        edit.Log(ChangeOperation.Update, current.Timeline, TimelineEditor.ResourceType, slug, [slug], before, TimelineEditor.ToWrite(current.Timeline));
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Representation.Of(current.Represent()), ct);
    }
}
