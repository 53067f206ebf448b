using Timeline.Api.Domain;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure.Writes;

namespace Timeline.Api.Features.Quotes.CreateQuote;

public sealed class CreateQuoteEndpoint(ResourceWrites writes)
    : CreateResourceEndpoint<Quote, QuoteWriteRequest, QuoteResponse>(writes, QuoteEditor.Instance)
{
    public override void Configure() =>
        ConfigureCreate("/quotes", "createQuote", "Create a quote", "Adds words said by an actor, with their source and what they are about.");
}
