using Timeline.Api.Domain;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Quotes.PatchQuote;

public sealed class PatchQuoteEndpoint(ResourceWrites writes)
    : PatchResourceEndpoint<Quote, QuoteWriteRequest, QuoteResponse>(writes, QuoteEditor.Instance, QuoteWriteValidator.Instance)
{
    public override void Configure() =>
        ConfigurePatch("/quotes/{slug}", "patchQuote", "Change a quote", "Changes some fields of the quote.");
}
