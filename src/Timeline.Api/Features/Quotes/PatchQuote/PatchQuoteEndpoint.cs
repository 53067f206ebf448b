using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Quotes.PatchQuote;

public sealed class PatchQuoteEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest<QuoteResponse>
{
    public override void Configure()
    {
        Patch("/quotes/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<QuoteResponse>(WriteKind.Patch, "patchQuote", patchOf: typeof(QuoteWriteRequest)));
        Summary(s =>
        {
            s.Summary = "Change a quote";
            s.Description = WriteDescriptions.Explain(WriteKind.Patch, "Changes some fields of the quote.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await PatchAsync(Route<string>("slug")!, ct));

    private async Task<IResult> PatchAsync(string slug, CancellationToken ct)
    {
        var current = await QuoteEditor.LoadAsync(db.Quotes, slug, ct);
        if (edit.Precondition(QuoteEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var quote = current!.Entity;
        var before = QuoteEditor.ToWrite(quote);
        var (write, invalid) = await edit.MergeAsync(before, QuoteWriteValidator.Instance, ct);
        if (write is null)
            return invalid!;
        if (await QuoteEditor.ApplyAsync(db, quote, write, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, quote, QuoteEditor.ResourceType, slug, QuoteEditor.TimelinesOf(quote), before, QuoteEditor.ToWrite(quote));
        return await edit.SaveAsync(ct, keepCopies: t => QuoteEditor.KeepCopiesAsync(db, search, quote, t))
            ?? await edit.CommitAsync(Representation.Of(QuoteEditor.Represent(quote)), ct);
    }
}
