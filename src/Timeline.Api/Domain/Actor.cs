namespace Timeline.Api.Domain;

/// <summary>A person, state, organisation or media outlet, with the other spellings of its name.</summary>
public sealed class Actor : IEditable, ITranslated
{
    public long Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary><see cref="TextFolding.Fold"/> of <see cref="Name"/>, for accent-insensitive search.</summary>
    public string FoldedName { get; set; } = "";
    public ActorKind Kind { get; set; }
    public string? Description { get; set; }
    /// <summary>The BCP 47 tag of the language its own texts are in: its original (translations are in <see cref="Translations"/>).</summary>
    public string Language { get; set; } = Translatable.English;
    /// <summary>Its texts in other languages; null when it has none.</summary>
    public TextTranslations? Translations { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public void Touch(DateTimeOffset at) => UpdatedAt = at;

    public List<ActorAlias> Aliases { get; set; } = [];
}

/// <summary>Another spelling of an actor's name: a transliteration or another script.</summary>
public sealed class ActorAlias
{
    public long Id { get; set; }
    public long ActorId { get; set; }
    public required string Name { get; set; }
    public required string FoldedName { get; set; }
}
