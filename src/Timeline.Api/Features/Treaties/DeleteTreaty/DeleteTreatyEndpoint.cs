using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Treaties.DeleteTreaty;

public sealed class DeleteTreatyEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/treaties/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, "deleteTreaty"));
        Summary(s =>
        {
            s.Summary = "Delete a treaty";
            s.Description = WriteDescriptions.Explain(WriteKind.Delete, "Deletes the treaty and hides its record of actions from reads (the change log keeps both).");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await DeleteAsync(Route<string>("slug")!, ct));

    private async Task<IResult> DeleteAsync(string slug, CancellationToken ct)
    {
        var current = await TreatyEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(TreatyEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var treaty = current!.Entity;
        edit.Log(ChangeOperation.Delete, treaty, TreatyEditor.ResourceType, slug, TreatyEditor.TimelinesOf(treaty), TreatyEditor.ToWrite(treaty), null);
        return await edit.SaveAsync(ct, keepCopies: t => TreatyEditor.KeepCopiesAsync(db, search, treaty, t))
            ?? await edit.CommitAsync(Results.NoContent(), ct);
    }
}
