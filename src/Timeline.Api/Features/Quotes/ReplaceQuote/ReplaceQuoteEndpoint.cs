using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes.ReplaceQuote;

public sealed class ReplaceQuoteEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : ReplaceEndpoint<Represented<Quote>, QuoteWriteRequest, QuoteResponse>(edit)
{
    protected override EditTarget<Represented<Quote>, QuoteWriteRequest> Target => QuoteEditor.Edits(db, search);
}
