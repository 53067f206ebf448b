using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Treaties.GetTreaty;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Treaties.ReplaceTreaty;

public sealed class ReplaceTreatyEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<TreatyWriteRequest, TreatyResponse>
{
    public override void Configure()
    {
        Put("/treaties/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TreatyResponse>(WriteKind.Replace, "replaceTreaty"));
        Summary(s =>
        {
            s.Summary = "Replace a treaty";
            s.Description = WriteDescriptions.Explain(WriteKind.Replace, "Replaces every field of the treaty; its actions are kept (they are appended and retracted, never rewritten).");
        });
    }

    public override async Task HandleAsync(TreatyWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await ReplaceAsync(Route<string>("slug")!, req, ct));

    private async Task<IResult> ReplaceAsync(string slug, TreatyWriteRequest req, CancellationToken ct)
    {
        var current = await TreatyEditor.LoadForChangeAsync(db, slug, ct);
        if (edit.Precondition(TreatyEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var treaty = current!.Entity;
        var before = TreatyEditor.ToWrite(treaty);
        if (await TreatyEditor.ApplyAsync(db, treaty, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, treaty, TreatyEditor.ResourceType, slug, TreatyEditor.TimelinesOf(treaty), before, TreatyEditor.ToWrite(treaty));
        return await edit.SaveAsync(ct, keepCopies: t => TreatyEditor.KeepCopiesAsync(db, search, treaty, t))
            ?? await edit.CommitAsync(Representation.Of(TreatyEditor.Represent(treaty, DateOnly.MaxValue)), ct);
    }
}
