using System.Linq.Expressions;
using Timeline.Api.Domain;

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

    public static readonly Expression<Func<Actor, ActorResponse>> Projection = a => new ActorResponse
    {
        Slug = a.Slug,
        Name = a.Name,
        Kind = a.Kind,
        Description = a.Description,
        Aliases = a.Aliases.OrderBy(al => al.Id).Select(al => al.Name).ToList(),
    };

}
