using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Treaties.GetTreaty;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Treaties.CreateTreaty;

public sealed class CreateTreatyEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<TreatyWriteRequest, TreatyResponse>
{
    public override void Configure()
    {
        Post("/treaties");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TreatyResponse>(WriteKind.Create, "createTreaty"));
        Summary(s =>
        {
            s.Summary = "Create a treaty";
            s.Description = WriteDescriptions.Explain(WriteKind.Create,
                "Adds a treaty (agreement, charter...) with its parties; record what each party did with POST /treaties/{slug}/actions.");
        });
    }

    public override async Task HandleAsync(TreatyWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await CreateAsync(req, ct));

    private async Task<IResult> CreateAsync(TreatyWriteRequest req, CancellationToken ct)
    {
        if (await TreatyEditor.SlugTakenAsync(db, req.Slug, ct))
            return Problems.KeyTaken(TreatyEditor.ResourceType, req.Slug);
        var created = new Treaty { Slug = req.Slug, Title = req.Title };
        if (await TreatyEditor.ApplyAsync(db, created, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        db.Treaties.Add(created);
        edit.Log(ChangeOperation.Create, created, TreatyEditor.ResourceType, created.Slug, TreatyEditor.TimelinesOf(created), null, TreatyEditor.ToWrite(created));
        return await edit.SaveAsync(ct, keepCopies: t => TreatyEditor.KeepCopiesAsync(db, search, created, t))
            ?? await edit.CommitAsync(Representation.Of(TreatyEditor.Represent(created, DateOnly.MaxValue), StatusCodes.Status201Created,
                TreatyEditor.PathOf(created.Slug)), ct);
    }
}
