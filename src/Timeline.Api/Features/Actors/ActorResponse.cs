using System.Linq.Expressions;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;

namespace Timeline.Api.Features.Actors;

/// <summary>A person, state, organisation or media outlet, with the other spellings of its name.</summary>
public sealed class ActorResponse
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required ActorKind Kind { get; init; }
    public string? Description { get; init; }

    /// <summary>Transliterations and other scripts (Lukashenko, Лукашенко); search matches them all.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    /// <summary>Present when a language was asked for (<c>lang</c> or <c>Accept-Language</c>): each text of this response not in the first language asked for, with the language it is in (a later preference, the record's original, or English).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Common.TextFallbackResponse>? Fallbacks { get; init; }

    /// <summary>What a list item is built from: its texts with their language and translations, chosen per request.</summary>
    public static readonly Expression<Func<Actor, ActorRow>> Rows = a => new ActorRow(
        a.Slug,
        new TranslatedTexts(a.Name, a.Description, a.Language, a.Translations),
        a.Kind,
        a.Aliases.OrderBy(al => al.Id).Select(al => al.Name).ToList());

    /// <summary>A list item, its texts chosen by <paramref name="texts"/>; <paramref name="at"/> is where it stands in the response (JSON Pointer).</summary>
    public static ActorResponse From(ActorRow row, TextChooser texts, string at)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(texts);
        return new ActorResponse
        {
            Slug = row.Slug,
            Name = texts.Required($"{at}/name", "name", row.Texts.Main, row.Texts.Language, row.Texts.Translations),
            Kind = row.Kind,
            Description = texts.Text($"{at}/description", "description", row.Texts.Second, row.Texts.Language, row.Texts.Translations),
            Aliases = row.Aliases,
        };
    }

}

/// <summary>One actor of a list as read from the database, before its texts are chosen.</summary>
public sealed record ActorRow(string Slug, TranslatedTexts Texts, ActorKind Kind, IReadOnlyList<string> Aliases);
