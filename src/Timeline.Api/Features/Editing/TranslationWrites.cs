using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Infrastructure;
using Timeline.Api.Infrastructure.Auth;

namespace Timeline.Api.Features.Editing;

/// <summary>
/// One language's texts of a record, as an editor writes them to <c>PUT /{resources}/{slug}/translations/{lang}</c>:
/// the data files' shape (see <c>TranslationData</c>). Only the fields the kind of record has, and its original has, may be given.
/// </summary>
public sealed class TranslationWriteRequest
{
    /// <summary>Who wrote or translated the texts; without it, the name of the API key that writes them.</summary>
    public string? ProvidedBy { get; init; }

    /// <summary><c>translation</c> (of the record's original; the default) or <c>original</c> (words first written in this language).</summary>
    public string? Origin { get; init; }

    /// <summary>A timeline's, event's, commitment's or source's title.</summary>
    public string? Title { get; init; }

    /// <summary>A timeline's, commitment's or actor's description.</summary>
    public string? Description { get; init; }

    /// <summary>An event's summary.</summary>
    public string? Summary { get; init; }

    /// <summary>An event's place.</summary>
    public string? Place { get; init; }

    /// <summary>An event's note.</summary>
    public string? Note { get; init; }

    /// <summary>An actor's name.</summary>
    public string? Name { get; init; }

    /// <summary>A quote's text.</summary>
    public string? Text { get; init; }

    /// <summary>The texts given, by field name (as <see cref="Translatable.Fields"/> names them).</summary>
    public Dictionary<string, string> Texts()
    {
        (string Field, string? Text)[] all = [("title", Title), ("description", Description), ("summary", Summary), ("place", Place), ("note", Note), ("name", Name), ("text", Text)];
        return all.Where(f => f.Text is not null).ToDictionary(f => f.Field, f => f.Text!, StringComparer.Ordinal);
    }
}

public sealed class TranslationWriteValidator : Validator<TranslationWriteRequest>
{
    public TranslationWriteValidator()
    {
        RuleFor(t => t.ProvidedBy).MaximumLength(200).Must(p => p is null || p.Trim().Length > 0).WithMessage("providedBy cannot be blank; leave it out to name your API key.");
        RuleFor(t => t.Origin).Must(o => o is null or "translation" or "original").WithMessage("origin is 'translation' or 'original'.");
        RuleFor(t => t.Title).MaximumLength(300);
        RuleFor(t => t.Name).MaximumLength(300);
        RuleFor(t => t.Place).MaximumLength(300);
        RuleFor(t => t.Description).MaximumLength(4000);
        RuleFor(t => t.Summary).MaximumLength(4000);
        RuleFor(t => t.Note).MaximumLength(4000);
        RuleFor(t => t.Text).MaximumLength(4000);
    }
}

/// <summary>
/// What a translation write needs to know of one kind of record (built by its editor, e.g. <c>CommitmentEditor.Translations</c>):
/// how to load it for change (with whatever its representation needs), its texts, timelines, representation in a
/// language, and the copies to refresh.
/// </summary>
/// <param name="Kind">A key of <see cref="Translatable.Fields"/>, also the change log's resource type.</param>
/// <param name="Resources">The path segment, e.g. <c>commitments</c>.</param>
/// <param name="LoadAsync">The record by slug, tracked, with what its representation needs; null when there is none (or it is deleted).</param>
/// <param name="Record">The texts: the record itself, or the part of it that is translated (an assessment of a commitment).</param>
/// <param name="Originals">Its own texts by field.</param>
/// <param name="Timelines">The timelines its change-log entry is listed under.</param>
/// <param name="RepresentAsync">Its representation with texts chosen as given: exactly what its GET answers.</param>
/// <param name="KeepCopiesAsync">Brings its search row and stored listings in line, inside the write's transaction.</param>
/// <param name="KeyName">The route parameter that names the record: <c>slug</c>, or a source's <c>id</c>.</param>
public sealed record TranslationTarget<TLoaded>(
    string Kind,
    string Resources,
    Func<string, CancellationToken, Task<TLoaded?>> LoadAsync,
    Func<TLoaded, ITranslatable> Record,
    Func<TLoaded, IReadOnlyDictionary<string, string?>> Originals,
    Func<TLoaded, IEnumerable<string>> Timelines,
    Func<TLoaded, TextChooser, CancellationToken, Task<object>> RepresentAsync,
    Func<TLoaded, CancellationToken, Task> KeepCopiesAsync,
    string KeyName = "slug") where TLoaded : class
{
    /// <summary>
    /// The record that gets a new version (and so a new ETag) with the translation: the texts' record itself unless
    /// they are a part of another (an assessment's are its commitment's).
    /// </summary>
    public Func<TLoaded, IEditable>? Versioned { get; init; }

    /// <summary>The key the record is loaded by and logged under, from the route; by default the route value <see cref="KeyName"/>.</summary>
    public Func<HttpRequest, string>? KeyOf { get; init; }

    /// <summary>Said after the descriptions every translation write shares, in the OpenAPI document.</summary>
    public string? Note { get; init; }

    internal IEditable VersionedOf(TLoaded loaded) =>
        Versioned?.Invoke(loaded) ?? Record(loaded) as IEditable ?? throw new InvalidOperationException($"Say which record a {Kind}'s translation versions.");
}

/// <summary>
/// <c>PUT</c> and <c>DELETE /{resources}/{slug}/translations/{lang}</c>, the same for every translated record; each
/// resource's endpoints only say which record (<see cref="TranslationTarget{TLoaded}"/>).
/// A translation is part of its record, not a resource of its own: the writes answer with the record's representation
/// in that language (the bytes and ETag <c>GET ?lang={lang}</c> gives), and <c>If-Match</c> must name that ETag — the
/// record's original representation does not show its translations, so its ETag could not tell a stale translation.
/// </summary>
public static class TranslationWrites
{
    public static async Task<IResult> PutAsync<TLoaded>(EditSession edit, HttpContext http, TranslationTarget<TLoaded> target, TranslationWriteRequest write, CancellationToken ct)
        where TLoaded : class
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(write);
        var (slug, lang) = RouteOf(http, target);
        var loaded = await target.LoadAsync(slug, ct);
        if (await RefusedAsync(edit, target, loaded, slug, lang, ct) is { } refused)
            return refused;
        var record = target.Record(loaded!);
        var version = new TextVersion(write.ProvidedBy?.Trim() ?? edit.Caller,
            write.Origin is null ? TextOrigin.Translation : Kebab.Parse<TextOrigin>(write.Origin), write.Texts());
        var failures = Translatable.Problems(target.Kind, record.Language, target.Originals(loaded!),
                new TextTranslations([KeyValuePair.Create(lang, version)]), InterfaceLanguages.IsWellFormed)
            .Select(p => new ValidationFailure(p.Field ?? "", p.Message)).ToList();
        if (failures.Count > 0)
            return EditSession.Invalid(failures);

        var existed = record.Translations?.Exactly(lang) is not null;
        return await ChangeAsync(edit, http, target, loaded!, slug, lang, version, existed ? StatusCodes.Status200OK : StatusCodes.Status201Created, ct);
    }

    public static async Task<IResult> DeleteAsync<TLoaded>(EditSession edit, HttpContext http, TranslationTarget<TLoaded> target, CancellationToken ct)
        where TLoaded : class
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(target);
        var (slug, lang) = RouteOf(http, target);
        var loaded = await target.LoadAsync(slug, ct);
        return await RefusedAsync(edit, target, loaded, slug, lang, ct, mustExist: true)
            ?? await ChangeAsync(edit, http, target, loaded!, slug, lang, null, StatusCodes.Status204NoContent, ct);
    }

    private static (string Key, string Lang) RouteOf<TLoaded>(HttpContext http, TranslationTarget<TLoaded> target) where TLoaded : class =>
        (target.KeyOf?.Invoke(http.Request) ?? http.Request.RouteValues[target.KeyName]?.ToString() ?? "", http.Request.RouteValues["lang"]?.ToString() ?? "");

    /// <summary>
    /// 404 (no such record), 422 (not a language tag, or the record's own language), 404 (for a removal: no translation
    /// in that language), 428 or 412 (If-Match), in that order; null when the write may go on.
    /// </summary>
    private static async Task<IResult?> RefusedAsync<TLoaded>(EditSession edit, TranslationTarget<TLoaded> target, TLoaded? loaded, string slug, string lang,
        CancellationToken ct, bool mustExist = false) where TLoaded : class
    {
        if (loaded is null)
            return Problems.NotFound(target.Kind, slug);
        var language = target.Record(loaded).Language;
        if (!InterfaceLanguages.IsWellFormed(lang))
            return Problems.Unprocessable($"'{lang}' is not a BCP 47 language tag (e.g. be, ru, en).");
        if (Translatable.SameLanguage(lang, language))
            return Problems.Unprocessable($"'{lang}' is the {target.Kind}'s own language ({language}): change its texts in {language} with a PATCH of the {target.Kind}, not as a translation.");
        if (mustExist && target.Record(loaded).Translations?.Exactly(lang) is null)
            return Problems.NotFound($"The {target.Kind} '{slug}' has no translation in '{lang}'.");
        var current = Representation.Of(await target.RepresentAsync(loaded, new TextChooser([lang]), ct));
        return edit.Precondition(target.Kind, slug, current);
    }

    /// <summary>Stores (or, with a null version, removes) the translation, logs it, saves, refreshes the copies and answers.</summary>
    private static async Task<IResult> ChangeAsync<TLoaded>(EditSession edit, HttpContext http, TranslationTarget<TLoaded> target, TLoaded loaded,
        string slug, string lang, TextVersion? version, int status, CancellationToken ct) where TLoaded : class
    {
        var record = target.Record(loaded);
        var key = record.Translations?.Exactly(lang)?.Key ?? lang;
        var before = Logged(key, record.Translations?.Exactly(lang)?.Value);
        record.Translations = TextTranslations.With(record.Translations, lang, version);
        edit.Log(ChangeOperation.Update, target.VersionedOf(loaded), target.Kind, slug, target.Timelines(loaded), before, Logged(key, version));
        if (await edit.SaveAsync(ct, t => target.KeepCopiesAsync(loaded, t)) is { } lost)
            return lost;
        if (version is null)
            return await edit.CommitAsync(Results.NoContent(), ct);

        var texts = new TextChooser([lang]);
        var body = await target.RepresentAsync(loaded, texts, ct);
        texts.Originally(record.Language);
        if (texts.ContentLanguage is { } contentLanguage)
            http.Response.Headers.ContentLanguage = contentLanguage;
        return await edit.CommitAsync(Representation.Of(body, status, status == StatusCodes.Status201Created ? http.Request.Path.Value : null), ct);
    }

    /// <summary>The change log's view of one language's version: a field <c>translations/{lang}</c> with its provider, origin and texts.</summary>
    private static Dictionary<string, object?> Logged(string lang, TextVersion? version) => version is null ? [] : new()
    {
        [$"translations/{lang}"] = new SortedDictionary<string, string>(version.Texts.ToDictionary(t => t.Key, t => t.Value), StringComparer.Ordinal)
        {
            ["providedBy"] = version.ProvidedBy,
            ["origin"] = Kebab.ToValue(version.Origin),
        },
    };

    /// <summary>What the PUT's OpenAPI description says, after the resource's own words.</summary>
    public static string PutDescription(string kind) =>
        $"Adds or replaces the {kind}'s texts in one language (BCP 47 `lang`, not the {kind}'s own): only the fields its original has ("
        + string.Join(", ", Translatable.Fields[kind]) + "), with `providedBy` (default: your API key's name) and `origin` (default `translation`). "
        + "Answers 201 when the language is new, 200 when replaced, with the representation in that language (as `GET ?lang=` gives it). "
        + "Send `If-Match` with the ETag of that representation (`GET ?lang={lang}`), and `Idempotency-Key` to make retries safe.";

    public static string DeleteDescription(string kind) =>
        $"Removes the {kind}'s texts in one language; reads in it fall back again. 404 when there is none. Send `If-Match` with the ETag of `GET ?lang={{lang}}`.";
}

/// <summary>The PUT of one kind's translations: each resource's endpoint only names its target.</summary>
public abstract class PutTranslationEndpoint<TLoaded, TResponse>(EditSession edit) : Endpoint<TranslationWriteRequest, TResponse>
    where TLoaded : class where TResponse : notnull
{
    protected abstract TranslationTarget<TLoaded> Target { get; }

    public override void Configure()
    {
        var target = Target;
        Put($"/{target.Resources}/{{{target.KeyName}}}/translations/{{lang}}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<TResponse>(WriteKind.Translate, WriteDescriptions.OperationId("put", target.Kind) + "Translation"));
        Summary(s =>
        {
            s.Summary = $"Add or replace a translation of {WriteDescriptions.WithArticle(target.Kind)}";
            s.Description = TranslationWrites.PutDescription(target.Kind) + (target.Note is null ? "" : " " + target.Note);
        });
    }

    public override async Task HandleAsync(TranslationWriteRequest req, CancellationToken ct) =>
        await Send.ResultAsync(await TranslationWrites.PutAsync(edit, HttpContext, Target, req, ct));
}

/// <summary>The DELETE of one kind's translations: each resource's endpoint only names its target.</summary>
public abstract class DeleteTranslationEndpoint<TLoaded>(EditSession edit) : EndpointWithoutRequest
    where TLoaded : class
{
    protected abstract TranslationTarget<TLoaded> Target { get; }

    public override void Configure()
    {
        var target = Target;
        Delete($"/{target.Resources}/{{{target.KeyName}}}/translations/{{lang}}");
        Roles(ApiKeyAuthenticationHandler.Editor);
        Description(d => d.DescribeWrite<object>(WriteKind.Delete, WriteDescriptions.OperationId("delete", target.Kind) + "Translation", also: 422));
        Summary(s =>
        {
            s.Summary = $"Remove a translation of {WriteDescriptions.WithArticle(target.Kind)}";
            s.Description = TranslationWrites.DeleteDescription(target.Kind) + (target.Note is null ? "" : " " + target.Note);
        });
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.ResultAsync(await TranslationWrites.DeleteAsync(edit, HttpContext, Target, ct));
}
