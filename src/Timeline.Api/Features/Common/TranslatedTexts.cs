using Timeline.Api.Domain;

namespace Timeline.Api.Features.Common;

/// <summary>
/// A record's main text (title or name) and second text (description) as a list reads them from the database, with
/// the language they are in and their translations, so that <see cref="TextChooser"/> can pick per request.
/// </summary>
public sealed record TranslatedTexts(string Main, string? Second, string Language, TextTranslations? Translations);

/// <summary>A reference to a record by slug, with its name or title in every language it has.</summary>
public sealed record TranslatedRef(string Slug, TranslatedTexts Texts);
