using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Events.CreateEvent;

public sealed class CreateEventEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<EventWriteRequest, EventResponse>
{
    public override void Configure()
    {
        Post("/events");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<EventResponse>(WriteKind.Create, "createEvent"));
        Summary(s =>
        {
            s.Summary = "Create an event";
            s.Description = WriteDescriptions.Explain(WriteKind.Create, "Adds a dated event to one or more timelines, with its actors, tags, related events and sources.");
        });
    }

    public override async Task HandleAsync(EventWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await CreateAsync(req, ct));

    private async Task<IResult> CreateAsync(EventWriteRequest req, CancellationToken ct)
    {
        if (await EventEditor.SlugTakenAsync(db, req.Slug, ct))
            return Problems.KeyTaken(EventEditor.ResourceType, req.Slug);
        var created = new Event { Slug = req.Slug, Title = req.Title };
        if (await EventEditor.ApplyAsync(db, created, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        db.Events.Add(created);
        edit.Log(ChangeOperation.Create, created, EventEditor.ResourceType, created.Slug, EventEditor.TimelinesOf(created), null, EventEditor.ToWrite(created));
        return await edit.SaveAsync(ct, keepCopies: t => EventEditor.KeepCopiesAsync(db, search, created, t))
            ?? await edit.CommitAsync(Representation.Of(EventDetails.Build(created, EventMentions.None), StatusCodes.Status201Created, EventEditor.PathOf(created.Slug)), ct);
    }
}
