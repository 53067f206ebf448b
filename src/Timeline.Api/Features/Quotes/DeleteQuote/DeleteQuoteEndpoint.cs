using FastEndpoints;
using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Quotes.DeleteQuote;

public sealed class DeleteQuoteEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/quotes/{slug}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, "deleteQuote"));
        Summary(s =>
        {
            s.Summary = "Delete a quote";
            s.Description = WriteDescriptions.Explain(WriteKind.Delete, "Deletes the quote.");
        });
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.ResultAsync(await DeleteAsync(Route<string>("slug")!, ct));

    private async Task<IResult> DeleteAsync(string slug, CancellationToken ct)
    {
        var current = await QuoteEditor.LoadAsync(db.Quotes, slug, ct);
        if (edit.Precondition(QuoteEditor.ResourceType, slug, current?.Representation) is { } refused)
            return refused;
        var quote = current!.Entity;
        edit.Log(ChangeOperation.Delete, quote, QuoteEditor.ResourceType, slug, QuoteEditor.TimelinesOf(quote), QuoteEditor.ToWrite(quote), null);
        return await edit.SaveAsync(ct, keepCopies: t => QuoteEditor.KeepCopiesAsync(db, search, quote, t))
            ?? await edit.CommitAsync(Results.NoContent(), ct);
    }
}
