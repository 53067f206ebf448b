using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Treaties.GetTreaty;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Treaties.PatchTreaty;

public sealed class PatchTreatyEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest<TreatyResponse>
{
    public override void Configure()
    {
        Patch("/treaties/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TreatyResponse>(WriteKind.Patch, "patchTreaty", patchOf: typeof(TreatyWriteRequest)));
        Summary(s =>
        {
            s.Summary = "Change a treaty";
            s.Description = WriteDescriptions.Explain(WriteKind.Patch, "Changes some fields of the treaty.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await PatchAsync(Route<string>("slug")!, ct));

    private async Task<IResult> PatchAsync(string slug, CancellationToken ct)
    {
        var current = await TreatyEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(TreatyEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var treaty = current!.Entity;
        var before = TreatyEditor.ToWrite(treaty);
        var (write, invalid) = await edit.MergeAsync(before, TreatyWriteValidator.Instance, ct);
        if (write is null)
            return invalid!;
        if (await TreatyEditor.ApplyAsync(db, treaty, write, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, treaty, TreatyEditor.ResourceType, slug, TreatyEditor.TimelinesOf(treaty), before, TreatyEditor.ToWrite(treaty));
        return await edit.SaveAsync(ct, keepCopies: t => TreatyEditor.KeepCopiesAsync(db, search, treaty, t))
            ?? await edit.CommitAsync(Representation.Of(TreatyEditor.Represent(treaty, DateOnly.MaxValue)), ct);
    }
}
