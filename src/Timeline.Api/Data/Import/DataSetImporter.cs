using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;

namespace Timeline.Api.Data.Import;

/// <summary>What an import did.</summary>
/// <param name="Files">Files read.</param>
/// <param name="Changes">Rows inserted, updated or removed; 0 when the database already matched the files.</param>
/// <param name="DryRun">True when the changes were computed and rolled back.</param>
public sealed record ImportResult(int Files, int Changes, bool DryRun);

/// <summary>
/// Brings the database in line with data files, by slug: new things are added, changed things are
/// updated, and nothing is ever removed (assessments are append-only; an editor retracts through the API).
/// The whole import is one transaction, so a failure leaves the database as it was, and importing the
/// same files again changes nothing.
/// </summary>
public sealed class DataSetImporter(TimelineDbContext db, IFullTextSearch search, TimeProvider clock)
{
    public const string RecordedBy = "data-import";

    public async Task<ImportResult> ImportAsync(string path, bool dryRun, CancellationToken cancellationToken)
    {
        var known = new KnownSlugs(
            (await db.Timelines.Select(t => t.Slug).ToListAsync(cancellationToken)).ToHashSet(),
            (await db.Actors.Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet(),
            (await db.Events.Select(e => e.Slug).ToListAsync(cancellationToken)).ToHashSet(),
            (await db.Commitments.Select(c => c.Slug).ToListAsync(cancellationToken)).ToHashSet());
        var files = DataSetReader.Read(path, known);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var apply = new Applier(db, now);
        await apply.LoadAsync(cancellationToken);
        foreach (var file in files)
            apply.Timelines(file.Content.Timelines);
        foreach (var file in files)
            apply.Actors(file.Content.Actors);
        foreach (var file in files)
            apply.Events(file.Content.Timeline, file.Content.Events);
        apply.StampChanged();
        var changes = await db.SaveChangesAsync(cancellationToken); // events need ids before relations can point at them
        foreach (var file in files)
            apply.Relations(file.Content.Events);
        foreach (var file in files)
            apply.Commitments(file.Content.Timeline, file.Content.Commitments);
        foreach (var file in files)
            apply.Quotes(file.Content.Timeline, file.Content.Quotes);

        apply.StampChanged();
        changes += await db.SaveChangesAsync(cancellationToken);
        if (changes > 0)
            await search.RebuildAsync(db, cancellationToken);

        if (dryRun)
            await transaction.RollbackAsync(cancellationToken);
        else
            await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new ImportResult(files.Count, changes, dryRun);
    }

    /// <summary>Applies data-file records onto tracked entities; EF's change tracking tells what really changed.</summary>
    private sealed class Applier(TimelineDbContext db, DateTimeOffset now)
    {
        private Dictionary<string, TimelineStory> _timelines = [];
        private Dictionary<string, Actor> _actors = [];
        private Dictionary<string, Event> _events = [];
        private Dictionary<string, Commitment> _commitments = [];
        private Dictionary<string, Quote> _quotes = [];
        private Dictionary<string, Source> _sources = [];

        public async Task LoadAsync(CancellationToken cancellationToken)
        {
            _timelines = await db.Timelines.IgnoreQueryFilters().ToDictionaryAsync(t => t.Slug, cancellationToken);
            _actors = await db.Actors.IgnoreQueryFilters().Include(a => a.Aliases).ToDictionaryAsync(a => a.Slug, cancellationToken);
            _events = await db.Events.IgnoreQueryFilters()
                .Include(e => e.Timelines).Include(e => e.Actors).Include(e => e.Tags)
                .Include(e => e.Sources).Include(e => e.Relations)
                .AsSplitQuery()
                .ToDictionaryAsync(e => e.Slug, cancellationToken);
            _commitments = await db.Commitments.IgnoreQueryFilters()
                .Include(c => c.Timelines).Include(c => c.Parties)
                .Include(c => c.Assessments).ThenInclude(a => a.Sources)
                .AsSplitQuery()
                .ToDictionaryAsync(c => c.Slug, cancellationToken);
            _quotes = await db.Quotes.IgnoreQueryFilters().Include(q => q.Timelines).ToDictionaryAsync(q => q.Slug, cancellationToken);
            _sources = await db.Sources.IgnoreQueryFilters().ToDictionaryAsync(s => s.Url, StringComparer.Ordinal, cancellationToken);
        }

        public void Timelines(List<TimelineData>? items)
        {
            foreach (var item in items ?? [])
            {
                var timeline = Find(_timelines, item.Slug, () => new TimelineStory { Slug = item.Slug, Title = item.Title, UpdatedAt = now });
                timeline.Title = item.Title;
                timeline.Description = item.Description;
                timeline.Language = item.Language ?? "en";
            }
        }

        public void Actors(List<ActorData>? items)
        {
            foreach (var item in items ?? [])
            {
                var actor = Find(_actors, item.Slug, () => new Actor { Slug = item.Slug, Name = item.Name, UpdatedAt = now });
                actor.Name = item.Name;
                actor.FoldedName = TextFolding.Fold(item.Name);
                actor.Kind = Kebab.Parse<ActorKind>(item.Kind);
                actor.Description = item.Description;
                CollectionSync.Sync(
                    actor.Aliases,
                    item.Aliases ?? [],
                    (alias, name) => alias.Name == name,
                    name => new ActorAlias { Name = name, FoldedName = TextFolding.Fold(name) });
            }
        }

        public void Events(string? timelineSlug, List<EventData>? items)
        {
            foreach (var item in items ?? [])
            {
                var entity = Find(_events, item.Slug, () => new Event { Slug = item.Slug, Title = item.Title, UpdatedAt = now });
                entity.Title = item.Title;
                entity.Summary = item.Summary;
                entity.SetDate(EdtfDate.Parse(item.Date));
                entity.Kind = Kebab.Parse<EventKind>(item.Kind);
                entity.Status = Kebab.Parse<EventStatus>(item.Status);
                entity.Place = item.Place;
                entity.Confidence = ParseConfidence(item.Confidence);
                entity.Note = item.Note;
                JoinTimeline(entity.Timelines, timelineSlug);
                CollectionSync.Sync(
                    entity.Actors,
                    [.. (item.Actors ?? []).Select(a => (Actor: _actors[a.Actor], Role: Kebab.Parse<ActorRole>(a.Role))).Distinct()],
                    (existing, wanted) => existing.Actor == wanted.Actor && existing.Role == wanted.Role,
                    wanted => new EventActor { Actor = wanted.Actor, Role = wanted.Role });
                CollectionSync.Sync(entity.Tags, [.. (item.Tags ?? []).Distinct()], (tag, name) => tag.Tag == name, name => new EventTag { Tag = name });
                SyncSources(entity.Sources, item.Sources);
            }
        }

        public void Relations(List<EventData>? items)
        {
            foreach (var item in items ?? [])
            {
                var entity = _events[item.Slug];
                CollectionSync.Sync(
                    entity.Relations,
                    [.. (item.Related ?? []).Select(r => (Event: _events[r.Event], Relation: Kebab.Parse<EventRelationKind>(r.Relation))).Distinct()],
                    (existing, wanted) => existing.RelatedEventId == wanted.Event.Id && existing.Relation == wanted.Relation,
                    wanted => new EventRelation { RelatedEventId = wanted.Event.Id, Relation = wanted.Relation });
            }
        }

        public void Commitments(string? timelineSlug, List<CommitmentData>? items)
        {
            foreach (var item in items ?? [])
            {
                var entity = Find(_commitments, item.Slug, () => new Commitment { Slug = item.Slug, Title = item.Title, UpdatedAt = now });
                entity.Title = item.Title;
                entity.Description = item.Description;
                entity.Category = Kebab.Parse<CommitmentCategory>(item.Category);
                entity.MadeInEvent = item.MadeIn is null ? null : _events[item.MadeIn];
                entity.SetDue(item.Due is null ? null : EdtfDate.Parse(item.Due));
                JoinTimeline(entity.Timelines, timelineSlug);
                CollectionSync.Sync(entity.Parties, [.. (item.Parties ?? []).Distinct().Select(p => _actors[p])], (a, b) => a == b, a => a);

                foreach (var data in item.Assessments)
                {
                    var status = Kebab.Parse<CommitmentStatus>(data.Status);
                    var assessment = entity.Assessments.FirstOrDefault(a => a.DateText == data.Date && a.Status == status);
                    if (assessment is null)
                    {
                        assessment = new Assessment { Summary = data.Summary, RecordedBy = RecordedBy, RecordedAt = now, Status = status };
                        entity.Assessments.Add(assessment);
                    }

                    assessment.SetDate(EdtfDate.Parse(data.Date));
                    assessment.Summary = data.Summary;
                    assessment.Event = data.Event is null ? null : _events[data.Event];
                    assessment.Confidence = ParseConfidence(data.Confidence);
                    assessment.Note = data.Note;
                    SyncSources(assessment.Sources, data.Sources);
                }
            }
        }

        public void Quotes(string? timelineSlug, List<QuoteData>? items)
        {
            foreach (var item in items ?? [])
            {
                var entity = Find(_quotes, item.Slug, () => new Quote { Slug = item.Slug, Text = item.Text, UpdatedAt = now });
                entity.Text = item.Text;
                entity.Speaker = _actors[item.Speaker];
                var date = item.Date is null ? null : EdtfDate.Parse(item.Date);
                entity.DateText = date?.Text;
                entity.DateStart = date?.Start;
                entity.DateEnd = date?.End;
                entity.Event = item.Event is null ? null : _events[item.Event];
                entity.Commitment = item.Commitment is null ? null : _commitments[item.Commitment];
                entity.Source = SourceFor(item.Source);
                JoinTimeline(entity.Timelines, timelineSlug);
            }
        }

        /// <summary>
        /// Sets <c>UpdatedAt</c> and bumps <c>Version</c> once on every aggregate whose own row or child rows
        /// changed, so ETags and concurrency checks see imports like any other write.
        /// </summary>
        public void StampChanged()
        {
            db.ChangeTracker.DetectChanges();
            var owners = new HashSet<object>(ReferenceEqualityComparer.Instance);
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                switch (entry.Entity)
                {
                    case TimelineStory or Actor or Event or Commitment or Quote or Source:
                        owners.Add(entry.Entity);
                        break;
                    case ActorAlias alias: owners.UnionWith(_actors.Values.Where(a => a.Aliases.Contains(alias))); break;
                    case EventActor ea: owners.UnionWith(_events.Values.Where(e => e.Actors.Contains(ea))); break;
                    case EventTag tag: owners.UnionWith(_events.Values.Where(e => e.Tags.Contains(tag))); break;
                    case EventRelation relation: owners.UnionWith(_events.Values.Where(e => e.Relations.Contains(relation))); break;
                    case Assessment assessment: owners.UnionWith(_commitments.Values.Where(c => c.Assessments.Contains(assessment))); break;
                    case Dictionary<string, object> join: owners.UnionWith(OwnersOf(join)); break;
                }
            }

            foreach (var owner in owners)
            {
                switch (owner)
                {
                    case TimelineStory t: t.UpdatedAt = now; t.Version++; break;
                    case Actor a: a.UpdatedAt = now; a.Version++; break;
                    case Event e: e.UpdatedAt = now; e.Version++; break;
                    case Commitment c: c.UpdatedAt = now; c.Version++; break;
                    case Quote q: q.UpdatedAt = now; q.Version++; break;
                    case Source s: s.Version++; break;
                }
            }
        }

        private IEnumerable<object> OwnersOf(Dictionary<string, object> join)
        {
            if (join.TryGetValue("EventId", out var eventId))
                return _events.Values.Where(e => Equals(e.Id, eventId));
            if (join.TryGetValue("CommitmentId", out var commitmentId))
                return _commitments.Values.Where(c => Equals(c.Id, commitmentId));
            if (join.TryGetValue("QuoteId", out var quoteId))
                return _quotes.Values.Where(q => Equals(q.Id, quoteId));
            if (join.TryGetValue("AssessmentId", out var assessmentId))
                return _commitments.Values.Where(c => c.Assessments.Any(a => Equals(a.Id, assessmentId)));
            return [];
        }

        private T Find<T>(Dictionary<string, T> existing, string slug, Func<T> create) where T : class
        {
            if (existing.TryGetValue(slug, out var found))
                return found;
            var created = create();
            db.Add(created);
            existing[slug] = created;
            return created;
        }

        private void JoinTimeline(List<TimelineStory> timelines, string? slug)
        {
            if (slug is not null && timelines.All(t => t.Slug != slug))
                timelines.Add(_timelines[slug]);
        }

        private void SyncSources(List<Source> current, IEnumerable<SourceData> wanted) =>
            CollectionSync.Sync(current, [.. wanted.Select(SourceFor).Distinct()], (a, b) => a == b, s => s);

        private Source SourceFor(SourceData data)
        {
            if (!_sources.TryGetValue(data.Url, out var source))
            {
                source = new Source { Url = data.Url };
                db.Add(source);
                _sources[data.Url] = source;
            }

            // Several facts cite one source; whatever details a citation gives update it (the last file read wins).
            source.Title = data.Title ?? source.Title;
            source.Publisher = data.Publisher ?? source.Publisher;
            source.PublishedText = data.Published ?? source.PublishedText;
            source.ArchivedUrl = data.ArchivedUrl ?? source.ArchivedUrl;
            return source;
        }

        private static Confidence? ParseConfidence(string? text) => text is null ? null : Kebab.Parse<Confidence>(text);
    }
}
