using System.Diagnostics.CodeAnalysis;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Import;

/// <summary>The checks a JSON Schema cannot make: real dates, ordered intervals, unique slugs, resolving references.</summary>
public static class DataSetRules
{
    public static List<DataFileError> Check(IReadOnlyList<DataFile> files, KnownSlugs known)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(known);
        var errors = new List<DataFileError>();
        var timelines = Declare(files, errors, "timeline", f => f.Content.Timelines, t => t.Slug, "/timelines");
        var actors = Declare(files, errors, "actor", f => f.Content.Actors, a => a.Slug, "/actors");
        var events = Declare(files, errors, "event", f => f.Content.Events, e => e.Slug, "/events");
        var commitments = Declare(files, errors, "commitment", f => f.Content.Commitments, c => c.Slug, "/commitments");
        Declare(files, errors, "quote", f => f.Content.Quotes, q => q.Slug, "/quotes");

        timelines.UnionWith(known.Timelines);
        actors.UnionWith(known.Actors);
        events.UnionWith(known.Events);
        commitments.UnionWith(known.Commitments);

        foreach (var (document, content) in files)
        {
            void Fail(string pointer, string message) => errors.Add(document.Error(pointer, message));

            void Refer(HashSet<string> slugs, string? slug, string kind, string pointer)
            {
                if (slug is not null && !slugs.Contains(slug))
                    Fail(pointer, $"There is no {kind} with slug '{slug}'.");
            }

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
                    index++;
                }
            }

            Refer(timelines, content.Timeline, "timeline", "/timeline");

            foreach (var (actor, i) in Indexed(content.Actors))
            {
                var spellings = new HashSet<string>(StringComparer.Ordinal) { actor.Name };
                foreach (var (alias, j) in Indexed(actor.Aliases))
                {
                    if (!spellings.Add(alias))
                        Fail($"/actors/{i}/aliases/{j}", $"'{alias}' is already a spelling of this actor.");
                }
            }

            foreach (var (item, i) in Indexed(content.Events))
            {
                var at = $"/events/{i}";
                Date(item.Date, $"{at}/date");
                foreach (var (actor, j) in Indexed(item.Actors))
                    Refer(actors, actor.Actor, "actor", $"{at}/actors/{j}/actor");
                foreach (var (related, j) in Indexed(item.Related))
                {
                    Refer(events, related.Event, "event", $"{at}/related/{j}/event");
                    if (related.Event == item.Slug)
                        Fail($"{at}/related/{j}/event", "An event cannot be related to itself.");
                }

                Sources(item.Sources, $"{at}/sources");
            }

            foreach (var (item, i) in Indexed(content.Commitments))
            {
                var at = $"/commitments/{i}";
                Refer(events, item.MadeIn, "event", $"{at}/madeIn");
                Date(item.Due, $"{at}/due");
                foreach (var (party, j) in Indexed(item.Parties))
                    Refer(actors, party, "actor", $"{at}/parties/{j}");

                var seen = new HashSet<(string, string)>();
                foreach (var (assessment, j) in Indexed(item.Assessments))
                {
                    Date(assessment.Date, $"{at}/assessments/{j}/date");
                    Refer(events, assessment.Event, "event", $"{at}/assessments/{j}/event");
                    Sources(assessment.Sources, $"{at}/assessments/{j}/sources");
                    // (date, status) identifies an assessment across imports, so it must be unique per commitment.
                    if (!seen.Add((assessment.Date, assessment.Status)))
                        Fail($"{at}/assessments/{j}", $"Another assessment of this commitment has the same date '{assessment.Date}' and status '{assessment.Status}'.");
                }
            }

            foreach (var (item, i) in Indexed(content.Quotes))
            {
                var at = $"/quotes/{i}";
                Refer(actors, item.Speaker, "actor", $"{at}/speaker");
                Refer(events, item.Event, "event", $"{at}/event");
                Refer(commitments, item.Commitment, "commitment", $"{at}/commitment");
                Date(item.Date, $"{at}/date");
                Date(item.Source.Published, $"{at}/source/published");
            }
        }

        return errors;
    }

    private static HashSet<string> Declare<T>(
        IReadOnlyList<DataFile> files,
        List<DataFileError> errors,
        string kind,
        Func<DataFile, List<T>?> items,
        Func<T, string> slug,
        string section)
    {
        var first = new Dictionary<string, DataFileError>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (item, i) in Indexed(items(file)))
            {
                var pointer = $"{section}/{i}/slug";
                if (first.TryGetValue(slug(item), out var original))
                {
                    errors.Add(file.Document.Error(pointer, $"The {kind} slug '{slug(item)}' is already used at {original.File}:{original.Line}."));
                    continue;
                }

                first[slug(item)] = file.Document.Error(pointer, "");
            }
        }

        return [.. first.Keys];
    }

    [SuppressMessage("Style", "IDE0305", Justification = "Reads better as a pipeline.")]
    private static IEnumerable<(T Item, int Index)> Indexed<T>(IEnumerable<T>? items) =>
        (items ?? []).Select((item, index) => (item, index));
}
