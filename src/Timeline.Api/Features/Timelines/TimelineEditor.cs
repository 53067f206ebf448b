using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Editing;
using Timeline.Api.Infrastructure;

namespace Timeline.Api.Features.Timelines;

/// <summary>How timelines are loaded, written and represented, for GET and every write alike.</summary>
public static class TimelineEditor
{
    public const string ResourceType = "timeline";

    public static string PathOf(string slug) => $"/api/v1/timelines/{slug}";

    /// <summary>
    /// The timeline, the counts it shows and its representation (tracked when <paramref name="timelines"/> tracks), or
    /// null; a write of the timeline cannot change the counts.
    /// </summary>
    public static async Task<LoadedTimeline?> LoadAsync(IQueryable<TimelineStory> timelines, string slug, CancellationToken ct)
    {
        var row = await timelines.Where(t => t.Slug == slug)
            .Select(t => new { Timeline = t, Events = t.Events.Count, Commitments = t.Commitments.Count })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new LoadedTimeline(row.Timeline, row.Events, row.Commitments);
    }

    /// <summary>The representation, its texts chosen by <paramref name="texts"/> (the originals when null).</summary>
    public static TimelineResponse Represent(TimelineStory timeline, int eventCount, int commitmentCount, TextChooser? texts = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        texts ??= TextChooser.Originals();
        return new()
        {
            Slug = timeline.Slug,
            Title = texts.Required("/title", "title", timeline.Title, timeline.Language, timeline.Translations),
            Description = texts.Text("/description", "description", timeline.Description, timeline.Language, timeline.Translations),
            Language = timeline.Language,
            EventCount = eventCount,
            CommitmentCount = commitmentCount,
            UpdatedAt = timeline.UpdatedAt,
            Fallbacks = texts.Fallbacks,
        };
    }


    public static TimelineWriteRequest ToWrite(TimelineStory timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new() { Slug = timeline.Slug, Title = timeline.Title, Description = timeline.Description, Language = timeline.Language };
    }

    public static void Apply(TimelineStory timeline, TimelineWriteRequest write)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(write);
        timeline.Title = write.Title;
        timeline.Description = write.Description;
        timeline.Language = write.Language;
    }

    /// <summary>What still belongs to the timeline and so forbids deleting it (null when nothing does).</summary>
    public static async Task<string?> BlockingReferenceAsync(TimelineDbContext db, TimelineStory timeline, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(timeline);
        var slug = timeline.Slug;
        var @event = await db.Events.Where(e => e.Timelines.Any(t => t.Slug == slug)).Select(e => e.Slug).FirstOrDefaultAsync(ct);
        if (@event is not null)
            return $"the event '{@event}'";
        var commitment = await db.Commitments.Where(c => c.Timelines.Any(t => t.Slug == slug)).Select(c => c.Slug).FirstOrDefaultAsync(ct);
        if (commitment is not null)
            return $"the commitment '{commitment}'";
        var quote = await db.Quotes.Where(q => q.Timelines.Any(t => t.Slug == slug)).Select(q => q.Slug).FirstOrDefaultAsync(ct);
        return quote is null ? null : $"the quote '{quote}'";
    }

    /// <summary>What the create, replace, patch and delete of timelines need (<see cref="EditTarget{TLoaded, TWrite}"/>); a timeline has no search row.</summary>
    public static EditTarget<LoadedTimeline, TimelineWriteRequest> Edits(TimelineDbContext db) => new(
        ResourceType, "timelines",
        (slug, ct) => LoadAsync(db.Timelines, slug, ct),
        t => t.Timeline,
        t => t.Representation,
        t => ToWrite(t.Timeline),
        ResourceEdits.Always<LoadedTimeline, TimelineWriteRequest>((t, write) => Apply(t.Timeline, write)),
        t => [t.Timeline.Slug],
        t => t.Represent(),
        (_, _, _) => Task.CompletedTask)
    {
        Validator = TimelineWriteValidator.Instance,
        BlockingReferenceAsync = (t, ct) => BlockingReferenceAsync(db, t.Timeline, ct),
        New = write => new LoadedTimeline(new TimelineStory { Slug = write.Slug, Title = write.Title }, EventCount: 0, CommitmentCount: 0),
        KeyOf = write => write.Slug,
        KeyTakenAsync = (slug, ct) => db.Timelines.IgnoreQueryFilters().AnyAsync(t => t.Slug == slug, ct), // deleted ones too: their slugs stay reserved
        PathOf = PathOf,
    };

    /// <summary>What the translation writes (<see cref="TranslationWrites"/>) need of a timeline: the same load and representation as GET (it has no search row).</summary>
    public static TranslationTarget<LoadedTimeline> Translations(TimelineDbContext db) => new(
        ResourceType, "timelines",
        (slug, ct) => LoadAsync(db.Timelines, slug, ct),
        t => t.Timeline,
        t => new Dictionary<string, string?>(StringComparer.Ordinal) { ["title"] = t.Timeline.Title, ["description"] = t.Timeline.Description },
        t => [t.Timeline.Slug],
        (t, texts, _) => Task.FromResult<object>(Represent(t.Timeline, t.EventCount, t.CommitmentCount, texts)),
        (_, _) => Task.CompletedTask);
}

/// <summary>A timeline loaded with the counts of what belongs to it.</summary>
public sealed record LoadedTimeline(TimelineStory Timeline, int EventCount, int CommitmentCount)
{
    /// <summary>The representation as loaded: the ETag <c>If-Match</c> is checked against.</summary>
    public Representation Representation { get; } = Representation.Of(TimelineEditor.Represent(Timeline, EventCount, CommitmentCount));

    /// <summary>Its representation now (after a change, with the counts it was loaded with).</summary>
    public TimelineResponse Represent() => TimelineEditor.Represent(Timeline, EventCount, CommitmentCount);
}
