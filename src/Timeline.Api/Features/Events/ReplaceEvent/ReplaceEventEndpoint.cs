using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Events.GetEvent;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Events.ReplaceEvent;

public sealed class ReplaceEventEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<EventWriteRequest, EventResponse>
{
    public override void Configure()
    {
        Put("/events/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<EventResponse>(WriteKind.Replace, "replaceEvent"));
        Summary(s =>
        {
            s.Summary = "Replace an event";
            s.Description = WriteDescriptions.Explain(WriteKind.Replace, "Replaces every field of the event.");
        });
    }

    public override async Task HandleAsync(EventWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await ReplaceAsync(Route<string>("slug")!, req, ct));

    private async Task<IResult> ReplaceAsync(string slug, EventWriteRequest req, CancellationToken ct)
    {
        var current = await EventEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(EventEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var (changed, before) = (current!.Event, EventEditor.ToWrite(current.Event));
        if (await EventEditor.ApplyAsync(db, changed, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, changed, EventEditor.ResourceType, changed.Slug, EventEditor.TimelinesOf(changed), before, EventEditor.ToWrite(changed));
        return await edit.SaveAsync(ct, keepCopies: t => EventEditor.KeepCopiesAsync(db, search, changed, t))
            ?? await edit.CommitAsync(Representation.Of(EventDetails.Build(changed, current.Mentions)), ct);
    }
}
