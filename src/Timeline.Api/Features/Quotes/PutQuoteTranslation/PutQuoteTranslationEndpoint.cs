using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Features.Quotes.GetQuote;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes.PutQuoteTranslation;

/// <summary><c>PUT /quotes/{slug}/translations/{lang}</c>: the quote's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class PutQuoteTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : PutTranslationEndpoint<Represented<Quote>, QuoteResponse>(edit)
{
    protected override TranslationTarget<Represented<Quote>> Target => QuoteEditor.Translations(db, search);
}
