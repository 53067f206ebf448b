using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes.DeleteQuote;

public sealed class DeleteQuoteEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteEndpoint<Represented<Quote>, QuoteWriteRequest>(edit)
{
    protected override EditTarget<Represented<Quote>, QuoteWriteRequest> Target => QuoteEditor.Edits(db, search);

    protected override string Explanation => "Deletes the quote.";
}
