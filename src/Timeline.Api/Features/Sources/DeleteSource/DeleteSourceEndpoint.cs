using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Sources.DeleteSource;

public sealed class DeleteSourceEndpoint(TimelineDbContext db, EditSession edit) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/sources/{id}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, "deleteSource"));
        Summary(s =>
        {
            s.Summary = "Delete a source";
            s.Description = WriteDescriptions.Explain(WriteKind.Delete, "Deletes the source; refused while events, assessments or quotes cite it.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await DeleteAsync(Route<string>("id")!, ct));

    private async Task<IResult> DeleteAsync(string id, CancellationToken ct)
    {
        var current = await SourceEditor.LoadAsync(db.Sources, id, ct);
        if (edit.Precondition(SourceEditor.ResourceType, id, current?.Representation) is { } refused)
            return refused;
        var source = current!.Entity;
        if (await SourceEditor.BlockingReferenceAsync(db, source, ct) is { } reference)
            return Problems.Conflict($"The source '{id}' is still referred to by {reference}; change that first.");
        edit.Log(ChangeOperation.Delete, source, SourceEditor.ResourceType, id, [], SourceEditor.ToWrite(source), null);
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Results.NoContent(), ct);
    }
}
