using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Timelines.ReplaceTimeline;

public sealed class ReplaceTimelineEndpoint(TimelineDbContext db, EditSession edit) : Endpoint<TimelineWriteRequest, TimelineResponse>
{
    public override void Configure()
    {
        Put("/timelines/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TimelineResponse>(WriteKind.Replace, "replaceTimeline"));
        Summary(s =>
        {
            s.Summary = "Replace a timeline";
            s.Description = WriteDescriptions.Explain(WriteKind.Replace, "Replaces every field of the timeline.");
        });
    }

    public override async Task HandleAsync(TimelineWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await ReplaceAsync(Route<string>("slug")!, req, ct));

    private async Task<IResult> ReplaceAsync(string slug, TimelineWriteRequest req, CancellationToken ct)
    {
        var current = await TimelineEditor.LoadAsync(db.Timelines, slug, ct);
        if (edit.Precondition(TimelineEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var before = TimelineEditor.ToWrite(current!.Timeline);
        TimelineEditor.Apply(current.Timeline, req);
        edit.Log(ChangeOperation.Update, current.Timeline, TimelineEditor.ResourceType, slug, [slug], before, TimelineEditor.ToWrite(current.Timeline));
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Representation.Of(current.Represent()), ct);
    }
}
