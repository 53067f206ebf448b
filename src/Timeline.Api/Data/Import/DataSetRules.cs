using System.Security.Cryptography;
using System.Text;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Import;

/// <summary>
/// The checks a JSON Schema cannot make — real dates, ordered intervals, unique slugs, references that
/// resolve — made item by item as the files stream past. What is remembered of each declared slug is a
/// 128-bit hash and where it was declared, so a million events cost tens of megabytes, not their text; a
/// reference to a slug not declared yet is kept (with its location) until every file has been read, and
/// what the files never declare is looked up in the database.
/// </summary>
public sealed class DataSetRules(IReadOnlyList<string> files)
{
    private readonly Dictionary<string, Dictionary<UInt128, (int File, int Line)>> _declared = new(StringComparer.Ordinal)
    {
        ["timeline"] = [],
        ["actor"] = [],
        ["event"] = [],
        ["commitment"] = [],
        ["quote"] = [],
        ["treaty"] = [],
    };

    private readonly List<(string Kind, string Slug, DataFileError Location)> _pending = [];

    public List<DataFileError> Errors { get; } = [];

    /// <summary>Checks one item of a file (already valid against the schema) and records what it declares and refers to.</summary>
    public void Check(int file, DataFilePart part, object item)
    {
        ArgumentNullException.ThrowIfNull(part);
        var at = part.Location;
        void Fail(string pointer, string message) => Errors.Add(part.Value.Error(pointer, message));

        EdtfDate? Date(string? text, string pointer)
        {
            if (text is null)
                return null;
            if (EdtfDate.TryParse(text, out var date, out var error))
                return date;
            Fail(pointer, error);
            return null;
        }

        void Sources(IEnumerable<SourceData> sources, string pointer)
        {
            var index = 0;
            foreach (var source in sources)
            {
                Date(source.Published, $"{pointer}/{index}/published");
                Translations("source", source.Language, source.Translations, $"{pointer}/{index}", ("title", source.Title));
                index++;
            }
        }

        void Translations(string kind, string? language, Dictionary<string, TranslationData>? translations, string pointer, params (string Field, string? Text)[] original)
        {
            if (translations is null)
                return;
            var texts = original.ToDictionary(o => o.Field, o => o.Text, StringComparer.Ordinal);
            foreach (var (tag, field, message) in Translatable.Problems(
                kind, language ?? Translatable.English, texts, TranslationData.ToDomain(translations), Infrastructure.InterfaceLanguages.IsWellFormed))
                Fail(field is null ? $"{pointer}/translations/{tag}" : $"{pointer}/translations/{tag}/{field}", message);
        }

        switch (item)
        {
            case TimelineData timeline:
                Declare(file, part, "timeline", timeline.Slug, $"{at}/slug");
                Translations("timeline", timeline.Language, timeline.Translations, at, ("title", timeline.Title), ("description", timeline.Description));
                break;
            case ActorData actor:
                Declare(file, part, "actor", actor.Slug, $"{at}/slug");
                Translations("actor", actor.Language, actor.Translations, at, ("name", actor.Name), ("description", actor.Description));
                var spellings = new HashSet<string>(StringComparer.Ordinal) { actor.Name };
                foreach (var (alias, j) in Indexed(actor.Aliases))
                {
                    if (!spellings.Add(alias))
                        Fail($"{at}/aliases/{j}", $"'{alias}' is already a spelling of this actor.");
                }

                break;
            case EventData e:
                Declare(file, part, "event", e.Slug, $"{at}/slug");
                Translations("event", e.Language, e.Translations, at, ("title", e.Title), ("summary", e.Summary), ("place", e.Place), ("note", e.Note));
                Date(e.Date, $"{at}/date");
                foreach (var (actor, j) in Indexed(e.Actors))
                    Refer(part, "actor", actor.Actor, $"{at}/actors/{j}/actor");
                foreach (var (related, j) in Indexed(e.Related))
                {
                    Refer(part, "event", related.Event, $"{at}/related/{j}/event");
                    if (related.Event == e.Slug)
                        Fail($"{at}/related/{j}/event", "An event cannot be related to itself.");
                }

                Sources(e.Sources, $"{at}/sources");
                break;
            case CommitmentData c:
                Declare(file, part, "commitment", c.Slug, $"{at}/slug");
                Translations("commitment", c.Language, c.Translations, at, ("title", c.Title), ("description", c.Description));
                Refer(part, "event", c.MadeIn, $"{at}/madeIn");
                foreach (var (treaty, j) in Indexed(c.Treaties))
                    Refer(part, "treaty", treaty, $"{at}/treaties/{j}");
                Date(c.Due, $"{at}/due");
                foreach (var (party, j) in Indexed(c.Parties))
                    Refer(part, "actor", party, $"{at}/parties/{j}");

                var seen = new HashSet<(string, string)>();
                foreach (var (assessment, j) in Indexed(c.Assessments))
                {
                    Date(assessment.Date, $"{at}/assessments/{j}/date");
                    Refer(part, "event", assessment.Event, $"{at}/assessments/{j}/event");
                    Sources(assessment.Sources, $"{at}/assessments/{j}/sources");
                    Translations("assessment", assessment.Language, assessment.Translations, $"{at}/assessments/{j}", ("summary", assessment.Summary));
                    // (date, status) identifies an assessment across imports, so it must be unique per commitment.
                    if (!seen.Add((assessment.Date, assessment.Status)))
                        Fail($"{at}/assessments/{j}", $"Another assessment of this commitment has the same date '{assessment.Date}' and status '{assessment.Status}'.");
                }

                break;
            case TreatyData t:
                Declare(file, part, "treaty", t.Slug, $"{at}/slug");
                Refer(part, "event", t.Event, $"{at}/event");
                var signed = Date(t.SignedOn, $"{at}/signedOn");
                var partyIds = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (party, j) in Indexed(t.Parties))
                {
                    Refer(part, "actor", party, $"{at}/parties/{j}");
                    if (!partyIds.TryAdd(party, partyIds.Count + 1))
                        Fail($"{at}/parties/{j}", $"'{party}' is already a party of this treaty.");
                }

                var entries = new List<TreatyActionEntry>();
                var identities = new HashSet<(string?, string, string)>();
                foreach (var (action, j) in Indexed(t.Actions))
                {
                    var date = Date(action.Date, $"{at}/actions/{j}/date");
                    Refer(part, "event", action.Event, $"{at}/actions/{j}/event");
                    Sources(action.Sources, $"{at}/actions/{j}/sources");
                    // (party, kind, date) identifies an action across imports, so it must be unique per treaty.
                    if (!identities.Add((action.Party, action.Kind, action.Date)))
                        Fail($"{at}/actions/{j}", $"Another action of this treaty has the same party, kind '{action.Kind}' and date '{action.Date}'.");
                    long? partyId = action.Party is null ? null : partyIds.GetValueOrDefault(action.Party, -1);
                    if (date is not null)
                        entries.Add(new TreatyActionEntry(j, partyId, Kebab.Parse<TreatyActionKind>(action.Kind), date.Start, date.End));
                }

                foreach (var problem in TreatyRecord.Check(entries, partyIds.Values.ToList(), signed?.Start))
                    Fail($"{at}/actions/{problem.Action.Id}/{problem.Field}", problem.Message);
                break;
            case QuoteData q:
                Declare(file, part, "quote", q.Slug, $"{at}/slug");
                Translations("quote", q.Language, q.Translations, at, ("text", q.Text));
                Translations("source", q.Source.Language, q.Source.Translations, $"{at}/source", ("title", q.Source.Title));
                Refer(part, "actor", q.Speaker, $"{at}/speaker");
                Refer(part, "event", q.Event, $"{at}/event");
                Refer(part, "commitment", q.Commitment, $"{at}/commitment");
                Date(q.Date, $"{at}/date");
                Date(q.Source.Published, $"{at}/source/published");
                break;
            case string timelineSlug when part.Section == "timeline":
                Refer(part, "timeline", timelineSlug, "/timeline");
                break;
        }
    }

    /// <summary>
    /// Settles the references no file declared: each must name something already in the database
    /// (<paramref name="existing"/> returns which of the slugs of a kind it has).
    /// </summary>
    public async Task FinishAsync(Func<string, IReadOnlyCollection<string>, Task<IReadOnlySet<string>>> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var unresolved = _pending.Where(p => !_declared[p.Kind].ContainsKey(Hash(p.Slug))).ToList();
        foreach (var kind in unresolved.GroupBy(p => p.Kind))
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in kind.Select(p => p.Slug).Distinct(StringComparer.Ordinal).Chunk(500))
                found.UnionWith(await existing(kind.Key, chunk));
            Errors.AddRange(kind.Where(p => !found.Contains(p.Slug))
                .Select(p => p.Location with { Message = $"There is no {p.Kind} with slug '{p.Slug}'." }));
        }

        _pending.Clear();
    }

    private void Declare(int file, DataFilePart part, string kind, string slug, string pointer)
    {
        var declared = _declared[kind];
        var location = part.Value.Error(pointer, "");
        if (declared.TryGetValue(Hash(slug), out var original))
        {
            Errors.Add(location with { Message = $"The {kind} slug '{slug}' is already used at {files[original.File]}:{original.Line}." });
            return;
        }

        declared[Hash(slug)] = (file, location.Line);
    }

    private void Refer(DataFilePart part, string kind, string? slug, string pointer)
    {
        if (slug is not null && !_declared[kind].ContainsKey(Hash(slug)))
            _pending.Add((kind, slug, part.Value.Error(pointer, "")));
    }

    private static UInt128 Hash(string slug)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(slug), hash);
        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }

    private static IEnumerable<(T Item, int Index)> Indexed<T>(IEnumerable<T>? items) => (items ?? []).Select((item, index) => (item, index));
}
