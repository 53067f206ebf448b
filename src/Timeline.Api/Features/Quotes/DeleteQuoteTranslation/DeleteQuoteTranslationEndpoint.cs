using Timeline.Api.Data;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Quotes.DeleteQuoteTranslation;

/// <summary><c>DELETE /quotes/{slug}/translations/{lang}</c>: removes the quote's texts in one language (see <see cref="TranslationWrites"/>).</summary>
public sealed class DeleteQuoteTranslationEndpoint(TimelineDbContext db, IFullTextSearch search, EditSession edit) : DeleteTranslationEndpoint<Represented<Quote>>(edit)
{
    protected override TranslationTarget<Represented<Quote>> Target => QuoteEditor.Translations(db, search);
}
