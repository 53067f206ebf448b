using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes.CreateQuote;

public sealed class CreateQuoteEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : CreateEndpoint<Represented<Quote>, QuoteWriteRequest, QuoteResponse>(edit)
{
    protected override EditTarget<Represented<Quote>, QuoteWriteRequest> Target => QuoteEditor.Edits(db, search);

    protected override string Explanation => "Adds words said by an actor, with their source and what they are about.";
}
