using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Sources.ReplaceSource;

public sealed class ReplaceSourceEndpoint(TimelineDbContext db, EditSession edit) : Endpoint<SourceWriteRequest, SourceDetailResponse>
{
    public override void Configure()
    {
        Put("/sources/{id}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<SourceDetailResponse>(WriteKind.Replace, "replaceSource"));
        Summary(s =>
        {
            s.Summary = "Replace a source";
            s.Description = WriteDescriptions.Explain(WriteKind.Replace, "Replaces every field of the source.");
        });
    }

    public override async Task HandleAsync(SourceWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await ReplaceAsync(Route<string>("id")!, req, ct));

    private async Task<IResult> ReplaceAsync(string id, SourceWriteRequest req, CancellationToken ct)
    {
        var current = await SourceEditor.LoadAsync(db.Sources, id, ct);
        if (edit.Precondition(SourceEditor.ResourceType, id, current?.Representation) is { } refused)
            return refused;
        var source = current!.Entity;
        var before = SourceEditor.ToWrite(source);
        if (await SourceEditor.ApplyAsync(db, source, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, source, SourceEditor.ResourceType, id, [], before, SourceEditor.ToWrite(source));
        return await edit.SaveAsync(ct) ?? await edit.CommitAsync(Representation.Of(SourceEditor.Represent(source)), ct);
    }
}
