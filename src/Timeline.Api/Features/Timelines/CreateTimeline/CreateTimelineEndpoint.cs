using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Timelines.CreateTimeline;

public sealed class CreateTimelineEndpoint(TimelineDbContext db, EditSession edit) : Endpoint<TimelineWriteRequest, TimelineResponse>
{
    public override void Configure()
    {
        Post("/timelines");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TimelineResponse>(WriteKind.Create, "createTimeline"));
        Summary(s =>
        {
            s.Summary = "Create a timeline";
            s.Description = WriteDescriptions.Explain(WriteKind.Create, "Adds a timeline (a story) that events, commitments and quotes can belong to.");
        });
    }

    public override async Task HandleAsync(TimelineWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await CreateAsync(req, ct));

    private async Task<IResult> CreateAsync(TimelineWriteRequest req, CancellationToken ct)
    {
        if (await TimelineEditor.SlugTakenAsync(db, req.Slug, ct))
            return Problems.KeyTaken(TimelineEditor.ResourceType, req.Slug);
        var created = new TimelineStory { Slug = req.Slug, Title = req.Title };
        TimelineEditor.Apply(created, req);
        db.Timelines.Add(created);
        edit.Log(ChangeOperation.Create, created, TimelineEditor.ResourceType, created.Slug, [created.Slug], null, TimelineEditor.ToWrite(created));
        if (await edit.SaveAsync(ct) is { } lost)
            return lost;
        var answer = Representation.Of(TimelineEditor.Represent(created, eventCount: 0, commitmentCount: 0), StatusCodes.Status201Created, TimelineEditor.PathOf(created.Slug));
        return await edit.CommitAsync(answer, ct);
    }
}
