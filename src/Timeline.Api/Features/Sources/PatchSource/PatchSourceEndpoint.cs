using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Sources.PatchSource;

public sealed class PatchSourceEndpoint(TimelineDbContext db, EditSession edit) : EndpointWithoutRequest<SourceDetailResponse>
{
    public override void Configure()
    {
        Patch("/sources/{id}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<SourceDetailResponse>(WriteKind.Patch, "patchSource", patchOf: typeof(SourceWriteRequest)));
        Summary(s =>
        {
            s.Summary = "Change a source";
            s.Description = WriteDescriptions.Explain(WriteKind.Patch, "Changes some fields of the source.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await PatchAsync(Route<string>("id")!, ct));

    private async Task<IResult> PatchAsync(string id, CancellationToken ct)
    {
        var current = await SourceEditor.LoadAsync(db.Sources, id, ct);
        if (edit.Precondition(SourceEditor.ResourceType, id, current?.Representation) is { } refused)
            return refused;
        var source = current!.Entity;
        var before = SourceEditor.ToWrite(source);
        var (write, invalid) = await edit.MergeAsync(before, SourceWriteValidator.Instance, ct);
        if (write is null)
            return invalid!;
        if (await SourceEditor.ApplyAsync(db, source, write, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, source, SourceEditor.ResourceType, id, [], before, SourceEditor.ToWrite(source));
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Representation.Of(SourceEditor.Represent(source)), ct);
    }
}
