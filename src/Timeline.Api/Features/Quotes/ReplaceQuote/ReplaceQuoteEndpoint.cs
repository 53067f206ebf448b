using Timeline.Api.Domain;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Quotes.ReplaceQuote;

public sealed class ReplaceQuoteEndpoint(ResourceWrites writes)
    : ReplaceResourceEndpoint<Quote, QuoteWriteRequest, QuoteResponse>(writes, QuoteEditor.Instance)
{
    public override void Configure() =>
        ConfigureReplace("/quotes/{slug}", "replaceQuote", "Replace a quote", "Replaces every field of the quote.");
}
