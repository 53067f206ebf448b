using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes.PatchQuote;

public sealed class PatchQuoteEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PatchEndpoint<Represented<Quote>, QuoteWriteRequest, QuoteResponse>(edit)
{
    protected override EditTarget<Represented<Quote>, QuoteWriteRequest> Target => QuoteEditor.Edits(db, search);
}
