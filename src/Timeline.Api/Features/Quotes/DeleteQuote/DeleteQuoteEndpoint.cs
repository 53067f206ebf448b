using Timeline.Api.Domain;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Quotes.DeleteQuote;

public sealed class DeleteQuoteEndpoint(ResourceWrites writes)
    : DeleteResourceEndpoint<Quote, QuoteWriteRequest, QuoteResponse>(writes, QuoteEditor.Instance)
{
    public override void Configure() =>
        ConfigureDelete("/quotes/{slug}", "deleteQuote", "Delete a quote", "Deletes the quote.");
}
