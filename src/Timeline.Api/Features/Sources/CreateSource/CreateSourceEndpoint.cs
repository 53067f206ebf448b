using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;
using Source = Timeline.Api.Domain.Source;

namespace Timeline.Api.Features.Sources.CreateSource;

public sealed class CreateSourceEndpoint(TimelineDbContext db, EditSession edit) : Endpoint<SourceWriteRequest, SourceDetailResponse>
{
    public override void Configure()
    {
        Post("/sources");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<SourceDetailResponse>(WriteKind.Create, "createSource"));
        Summary(s =>
        {
            s.Summary = "Create a source";
            s.Description = WriteDescriptions.Explain(WriteKind.Create, "Adds a source that events, assessments and quotes can cite by URL.");
        });
    }

    public override async Task HandleAsync(SourceWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await CreateAsync(req, ct));

    private async Task<IResult> CreateAsync(SourceWriteRequest req, CancellationToken ct)
    {
        if (await SourceEditor.UrlTakenAsync(db, req.Url, ct))
            return Problems.KeyTaken(SourceEditor.ResourceType, req.Url);
        var created = new Source { Url = req.Url, Version = 1 };
        await SourceEditor.ApplyAsync(db, created, req, ct);
        db.Sources.Add(created);
        // A source's key is the id its row gets: saved first, then logged under that id (the same transaction).
        if (await edit.SaveAsync(ct) is { } lost)
            return lost;
        edit.Log(ChangeOperation.Create, created, SourceEditor.ResourceType, SourceEditor.KeyOf(created), [], null, SourceEditor.ToWrite(created));
        return await edit.CommitAsync(Representation.Of(SourceEditor.Represent(created), StatusCodes.Status201Created, SourceEditor.PathOf(created.Id)), ct);
    }
}
