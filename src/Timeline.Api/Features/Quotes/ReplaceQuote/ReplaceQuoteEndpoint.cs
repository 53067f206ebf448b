using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Quotes.ReplaceQuote;

public sealed class ReplaceQuoteEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : Endpoint<QuoteWriteRequest, QuoteResponse>
{
    public override void Configure()
    {
        Put("/quotes/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<QuoteResponse>(WriteKind.Replace, "replaceQuote"));
        Summary(s =>
        {
            s.Summary = "Replace a quote";
            s.Description = WriteDescriptions.Explain(WriteKind.Replace, "Replaces every field of the quote.");
        });
    }

    public override async Task HandleAsync(QuoteWriteRequest req, CancellationToken ct) => await Send.ResultAsync(await ReplaceAsync(Route<string>("slug")!, req, ct));

    private async Task<IResult> ReplaceAsync(string slug, QuoteWriteRequest req, CancellationToken ct)
    {
        var current = await QuoteEditor.LoadAsync(db.Quotes, slug, ct);
        if (edit.Precondition(QuoteEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var quote = current!.Entity;
        var before = QuoteEditor.ToWrite(quote);
        if (await QuoteEditor.ApplyAsync(db, quote, req, ct) is { Count: > 0 } failures)
            return EditSession.Invalid(failures);
        edit.Log(ChangeOperation.Update, quote, QuoteEditor.ResourceType, slug, QuoteEditor.TimelinesOf(quote), before, QuoteEditor.ToWrite(quote));
        return await edit.SaveAsync(ct, keepCopies: t => QuoteEditor.KeepCopiesAsync(db, search, quote, t))
            ?? await edit.CommitAsync(Representation.Of(QuoteEditor.Represent(quote)), ct);
    }
}
