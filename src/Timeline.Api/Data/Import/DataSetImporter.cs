using Microsoft.EntityFrameworkCore;
using Timeline.Api.Data.Search;
using Timeline.Api.Domain;
using Timeline.Api.Features.Common;
using Timeline.Api.Features.Events;

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
/// <remarks>
/// Archives run to a million events, so nothing here holds the data set: the files are checked first, one
/// item at a time (<see cref="DataSetReader.CheckAsync"/>), then read again and applied in batches of
/// <see cref="BatchSize"/>: each batch loads the rows its items name, applies them to tracked entities (EF
/// Core's change tracking tells what really changed), saves and is forgotten. Memory is one batch plus the
/// timelines and actors (kept whole: a data set has hundreds of actors, not millions) and the related-event
/// lists, which wait until every event has an id.
/// </remarks>
public sealed class DataSetImporter(TimelineDbContext db, IFullTextSearch search, TimeProvider clock)
{
    public const string RecordedBy = "data-import";
    public const int BatchSize = 1_000;

    /// <summary>The name the change log gives the <c>import</c> verb (an operator at the command line, not an API key).</summary>
    public const string CommandLineImport = "cli:import";

    /// <summary>
    /// Imports the data files at <paramref name="path"/> in one transaction. With <paramref name="loggedAs"/> every resource
    /// created or changed gets its entry in the public change log under that name, as a write through the API would;
    /// without, nothing is logged (the seed on a first start: the archive's first state, not a change to it).
    /// </summary>
    public async Task<ImportResult> ImportAsync(string path, bool dryRun, CancellationToken cancellationToken, string? loggedAs = null)
    {
        var check = await DataSetReader.CheckAsync(DataSetReader.EnumerateFiles(path), (kind, slugs) => ExistingAsync(kind, slugs, cancellationToken));

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false; // detected once per batch, before it is saved
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // A bigger page cache for the import's index inserts (64 MiB instead of 2); the pooled connection gets its default back at the end.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536;", cancellationToken);
            }

            var apply = new Applier(db, clock.GetUtcNow(), loggedAs, cancellationToken);
            await apply.StartAsync();
            var changes = await apply.TimelinesAsync(check.Timelines);
            changes += await apply.ActorsAsync(check.Actors);
            for (var i = 0; i < check.Files.Count; i++)
            {
                if (!check.Sections[i].Events)
                    continue;
                foreach (var batch in DataSetReader.ReadItems<EventData>(check.Files[i], "events").Chunk(BatchSize))
                    changes += await apply.EventsAsync(check.Sections[i].Timeline!, batch);
            }

            changes += await apply.RelationsAsync();
            for (var i = 0; i < check.Files.Count; i++)
            {
                if (!check.Sections[i].Treaties)
                    continue;
                foreach (var batch in DataSetReader.ReadItems<TreatyData>(check.Files[i], "treaties").Chunk(BatchSize))
                    changes += await apply.TreatiesAsync(check.Sections[i].Timeline!, batch);
            }

            for (var i = 0; i < check.Files.Count; i++)
            {
                if (!check.Sections[i].Commitments)
                    continue;
                foreach (var batch in DataSetReader.ReadItems<CommitmentData>(check.Files[i], "commitments").Chunk(BatchSize))
                    changes += await apply.CommitmentsAsync(check.Sections[i].Timeline!, batch);
            }

            for (var i = 0; i < check.Files.Count; i++)
            {
                if (!check.Sections[i].Quotes)
                    continue;
                foreach (var batch in DataSetReader.ReadItems<QuoteData>(check.Files[i], "quotes").Chunk(BatchSize))
                    changes += await apply.QuotesAsync(check.Sections[i].Timeline!, batch);
            }

            await apply.RefreshSearchAsync(search);

            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000;", cancellationToken);
            if (dryRun)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new ImportResult(check.Files.Count, changes, dryRun);
            }

            await transaction.CommitAsync(cancellationToken);
            if (changes > 0)
                await AfterLargeWriteAsync(cancellationToken);
            return new ImportResult(check.Files.Count, changes, dryRun);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    // Lists of slugs and ids go to the database as one array parameter (EF.Parameter), not a parameter per item:
    // one query shape whatever the batch's size, and SQLite finds many named parameters only by linear search.

    /// <summary>
    /// After an import: on SQLite the write-ahead log (as large as the import) is copied into the database and
    /// truncated now, rather than replayed by the next process that opens the file; PostgreSQL gets fresh
    /// statistics, so that its planner knows the tables' new sizes before autovacuum gets round to it.
    /// </summary>
    private async Task AfterLargeWriteAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        else
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
    }

    /// <summary>Which of the slugs of a kind the database has (soft-deleted rows do not count: nothing may refer to them).</summary>
    private async Task<IReadOnlySet<string>> ExistingAsync(string kind, IReadOnlyCollection<string> slugs, CancellationToken cancellationToken)
    {
        var found = kind switch
        {
            "timeline" => await db.Timelines.Where(t => EF.Parameter(slugs).Contains(t.Slug)).Select(t => t.Slug).ToListAsync(cancellationToken),
            "actor" => await db.Actors.Where(a => EF.Parameter(slugs).Contains(a.Slug)).Select(a => a.Slug).ToListAsync(cancellationToken),
            "event" => await db.Events.Where(e => EF.Parameter(slugs).Contains(e.Slug)).Select(e => e.Slug).ToListAsync(cancellationToken),
            "treaty" => await db.Treaties.Where(t => EF.Parameter(slugs).Contains(t.Slug)).Select(t => t.Slug).ToListAsync(cancellationToken),
            _ => await db.Commitments.Where(c => EF.Parameter(slugs).Contains(c.Slug)).Select(c => c.Slug).ToListAsync(cancellationToken),
        };
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Applies data-file records onto tracked entities, one batch at a time.</summary>
    private sealed class Applier(TimelineDbContext db, DateTimeOffset now, string? loggedAs, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, long> _actorIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _actorNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _timelineIds = new(StringComparer.Ordinal);

        // What changed, by search kind: the search index is refreshed for these at the end, or rebuilt whole once
        // more than RowByRowRefreshes changed (the sets are then dropped: an archive import keeps no id per row).
        private const int RowByRowRefreshes = 10_000;
        private readonly Dictionary<string, HashSet<long>> _changed = SearchKinds.All.ToDictionary(k => k, _ => new HashSet<long>(), StringComparer.Ordinal);
        private bool _rebuildSearch;

        private void Changed(string kind, IEnumerable<long> ids)
        {
            if (_rebuildSearch)
                return;
            _changed[kind].UnionWith(ids);
            if ((kind == SearchKinds.Actor && _changed[kind].Count > 0) || _changed.Values.Sum(set => set.Count) > RowByRowRefreshes)
            {
                _rebuildSearch = true;
                foreach (var set in _changed.Values)
                    set.Clear();
            }
        }

        // Related events may name events of later files, so their lists are applied once every event has an id.
        private readonly List<(string Event, List<RelatedEventData> Related)> _relations = [];

        public async Task<int> TimelinesAsync(IReadOnlyList<TimelineData> items)
        {
            var slugs = items.Select(t => t.Slug).ToList();
            var existing = await db.Timelines.IgnoreQueryFilters().Where(t => EF.Parameter(slugs).Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, cancellationToken);
            foreach (var item in items)
            {
                var timeline = Find(existing, item.Slug, () => new TimelineStory { Slug = item.Slug, Title = item.Title, UpdatedAt = now });
                timeline.Title = item.Title;
                timeline.Description = item.Description;
                timeline.Language = item.Language ?? Translatable.English;
                timeline.Translations = TranslationData.ToDomain(item.Translations);
            }

            var changes = await SaveAsync();
            foreach (var timeline in await db.Timelines.IgnoreQueryFilters().Select(t => new { t.Slug, t.Id }).ToListAsync(cancellationToken))
                _timelineIds[timeline.Slug] = timeline.Id;
            return changes;
        }

        public async Task<int> ActorsAsync(IReadOnlyList<ActorData> items)
        {
            var changes = 0;
            foreach (var batch in items.Chunk(BatchSize))
            {
                var slugs = batch.Select(a => a.Slug).ToList();
                var existing = await db.Actors.IgnoreQueryFilters().Include(a => a.Aliases)
                    .Where(a => EF.Parameter(slugs).Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, cancellationToken);
                foreach (var item in batch)
                {
                    var actor = Find(existing, item.Slug, () => new Actor { Slug = item.Slug, Name = item.Name, UpdatedAt = now });
                    actor.Name = item.Name;
                    actor.FoldedName = TextFolding.Fold(item.Name);
                    actor.Kind = Kebab.Parse<ActorKind>(item.Kind);
                    actor.Description = item.Description;
                    actor.Language = item.Language ?? Translatable.English;
                    actor.Translations = TranslationData.ToDomain(item.Translations);
                    CollectionSync.Sync(
                        actor.Aliases,
                        item.Aliases ?? [],
                        (alias, name) => alias.Name == name,
                        name => new ActorAlias { Name = name, FoldedName = TextFolding.Fold(name) });
                }

                changes += await SaveAsync();
            }

            foreach (var actor in await db.Actors.IgnoreQueryFilters().Select(a => new { a.Slug, a.Id, a.Name }).ToListAsync(cancellationToken))
            {
                _actorIds[actor.Slug] = actor.Id;
                _actorNames[actor.Slug] = actor.Name;
            }
            return changes;
        }

        /// <summary>
        /// One batch of a file's events: the ones the database has are synced through tracked entities, new ones
        /// (the bulk of a first import) are inserted with multi-row statements, children included.
        /// </summary>
        public async Task<int> EventsAsync(string timelineSlug, IReadOnlyList<EventData> items)
        {
            var slugs = items.Select(e => e.Slug).ToList();
            var existing = await db.Events.IgnoreQueryFilters()
                .Include(e => e.Timelines).Include(e => e.Actors).Include(e => e.Tags)
                .Include(e => e.Sources).Include(e => e.Relations)
                .Where(e => EF.Parameter(slugs).Contains(e.Slug))
                .AsSplitQuery()
                .ToDictionaryAsync(e => e.Slug, cancellationToken);
            var timeline = await TimelineAsync(timelineSlug);
            var changes = await InsertNewSourcesAsync(items.SelectMany(e => e.Sources));
            var sources = await SourcesAsync(items.SelectMany(e => e.Sources));
            foreach (var item in items)
            {
                // Every citation may update its source's details (the last one read wins), new events' included.
                var cited = item.Sources.Select(s => SourceFor(sources, s)).Distinct().ToList();
                if (!existing.TryGetValue(item.Slug, out var entity))
                    continue;
                Apply(entity, item);
                if (entity.Timelines.All(t => t.Id != timeline.Id))
                    entity.Timelines.Add(timeline);
                CollectionSync.Sync(
                    entity.Actors,
                    [.. (item.Actors ?? []).Select(a => (Actor: _actorIds[a.Actor], Role: Kebab.Parse<ActorRole>(a.Role))).Distinct()],
                    (current, wanted) => current.ActorId == wanted.Actor && current.Role == wanted.Role,
                    wanted => new EventActor { ActorId = wanted.Actor, Role = wanted.Role });
                CollectionSync.Sync(entity.Tags, [.. (item.Tags ?? []).Distinct()], (tag, name) => tag.Tag == name, name => new EventTag { Tag = name });
                CollectionSync.Sync(entity.Sources, cited, (a, b) => a == b, s => s);
                if (item.Related is { Count: > 0 } related)
                    _relations.Add((item.Slug, related));
                else
                    entity.Relations.Clear();
            }

            var sourceIds = sources.ToDictionary(s => s.Key, s => s.Value.Id, StringComparer.Ordinal);
            changes += await SaveAsync();
            changes += await InsertNewEventsAsync(timeline.Id, [.. items.Where(i => !existing.ContainsKey(i.Slug))], sourceIds);
            return changes;
        }

        private static void Apply(Event entity, EventData item)
        {
            entity.Title = item.Title;
            entity.Summary = item.Summary;
            entity.SetDate(EdtfDate.Parse(item.Date));
            entity.Kind = Kebab.Parse<EventKind>(item.Kind);
            entity.Status = Kebab.Parse<EventStatus>(item.Status);
            entity.Place = item.Place;
            entity.Confidence = ParseConfidence(item.Confidence);
            entity.Note = item.Note;
            entity.Language = item.Language ?? Translatable.English;
            entity.Translations = TranslationData.ToDomain(item.Translations);
        }

        /// <summary>Inserts the sources the database does not have yet, each with the details its citations give (the last wins).</summary>
        private async Task<int> InsertNewSourcesAsync(IEnumerable<SourceData> citations)
        {
            var cited = new Dictionary<string, Source>(StringComparer.Ordinal);
            foreach (var data in citations)
            {
                if (!cited.TryGetValue(data.Url, out var source))
                    cited[data.Url] = source = new Source { Url = data.Url, Version = 1 };
                Merge(source, data);
            }

            var urls = cited.Keys.ToList();
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in urls.Chunk(BatchSize))
                known.UnionWith(await db.Sources.IgnoreQueryFilters().Where(s => EF.Parameter(chunk).Contains(s.Url)).Select(s => s.Url).ToListAsync(cancellationToken));
            var fresh = cited.Values.Where(s => !known.Contains(s.Url)).ToList();
            var inserted = await BulkInsert.InsertAsync(db, db.Model.FindEntityType(typeof(Source))!,
            [
                (nameof(Source.Url), s => s.Url),
                (nameof(Source.Title), s => s.Title),
                (nameof(Source.Publisher), s => s.Publisher),
                (nameof(Source.PublishedText), s => s.PublishedText),
                (nameof(Source.ArchivedUrl), s => s.ArchivedUrl),
                (nameof(Source.Language), s => s.Language),
                (nameof(Source.Translations), s => s.Translations),
                (nameof(Source.Version), s => s.Version),
            ], fresh, cancellationToken);
            if (loggedAs is not null && fresh.Count > 0)
            {
                var freshUrls = fresh.Select(f => f.Url).ToList();
                var ids = await db.Sources.IgnoreQueryFilters().Where(s => EF.Parameter(freshUrls).Contains(s.Url)).Select(s => s.Id).ToListAsync(cancellationToken);
                await LogAsync(ids.Select(id => Created("source", id.ToString(System.Globalization.CultureInfo.InvariantCulture), [])));
            }

            return inserted;
        }

        /// <summary>Inserts new events with their timeline, actors, tags and sources, and stores their list representations.</summary>
        private async Task<int> InsertNewEventsAsync(long timelineId, IReadOnlyList<EventData> items, Dictionary<string, long> sourceIds)
        {
            if (items.Count == 0)
                return 0;
            var timelineSlug = _timelineIds.Single(t => t.Value == timelineId).Key;
            var events = items.Select(item =>
            {
                var entity = new Event { Slug = item.Slug, Title = item.Title, UpdatedAt = now, Version = 1 };
                Apply(entity, item);
                return entity;
            }).ToList();
            // The list representation is made from the file here, in the order its SQL projection gives (EventListing
            // tests hold the two to the same bytes): no read back, no second write.
            var listings = events.Zip(items, (e, item) => EventListing.ToJson(EventSummaryResponse.For(
                e,
                (item.Actors ?? []).Select(a => (a.Actor, a.Role)).Distinct()
                    .Select(a => new EventActorResponse { Slug = a.Actor, Name = _actorNames[a.Actor], Role = Kebab.Parse<ActorRole>(a.Role) }),
                (item.Tags ?? []).Distinct(),
                [timelineSlug]))).ToList();
            var listingOf = events.Select((e, i) => (e.Slug, Listing: listings[i])).ToDictionary(x => x.Slug, x => x.Listing, StringComparer.Ordinal);
            var model = db.Model;
            var changes = await BulkInsert.InsertAsync(db, model.FindEntityType(typeof(Event))!,
            [
                (nameof(Event.Slug), e => e.Slug),
                (nameof(Event.Title), e => e.Title),
                (nameof(Event.Summary), e => e.Summary),
                (nameof(Event.DateText), e => e.DateText),
                (nameof(Event.DateStart), e => e.DateStart),
                (nameof(Event.DateEnd), e => e.DateEnd),
                (nameof(Event.Kind), e => e.Kind),
                (nameof(Event.Status), e => e.Status),
                (nameof(Event.Place), e => e.Place),
                (nameof(Event.Confidence), e => e.Confidence),
                (nameof(Event.Note), e => e.Note),
                (nameof(Event.Language), e => e.Language),
                (nameof(Event.Translations), e => e.Translations),
                (nameof(Event.UpdatedAt), e => e.UpdatedAt),
                (nameof(Event.Version), e => e.Version),
                (Configurations.EventListingColumns.ListJson, e => listingOf[e.Slug]),
            ], events, cancellationToken);
            var ids = await EventIdsAsync(events.Select(e => e.Slug));
            foreach (var e in events)
                e.Id = ids[e.Slug];

            var byId = events.ToDictionary(e => e.Id);
            changes += await BulkInsert.InsertAsync(db, model.FindEntityType("TimelineEvents")!,
            [
                ("TimelineId", _ => timelineId),
                ("EventId", e => e.Id),
                (Configurations.EventListingColumns.DateStart, e => e.DateStart),
                (Configurations.EventListingColumns.DateEnd, e => e.DateEnd),
                (Configurations.EventListingColumns.UpdatedAt, e => e.UpdatedAt),
            ], events, cancellationToken);
            var actors = items.SelectMany(item => (item.Actors ?? []).Select(a => (Event: ids[item.Slug], Actor: _actorIds[a.Actor], Role: Kebab.Parse<ActorRole>(a.Role))))
                .Distinct().ToList();
            changes += await BulkInsert.InsertAsync<(long Event, long Actor, ActorRole Role)>(db, model.FindEntityType(typeof(EventActor))!,
            [
                (nameof(EventActor.EventId), a => a.Event),
                (nameof(EventActor.ActorId), a => a.Actor),
                (nameof(EventActor.Role), a => a.Role),
                (Configurations.EventListingColumns.DateStart, a => byId[a.Event].DateStart),
                (Configurations.EventListingColumns.DateEnd, a => byId[a.Event].DateEnd),
            ], actors, cancellationToken);
            var tags = items.SelectMany(item => (item.Tags ?? []).Select(t => (Event: ids[item.Slug], Tag: t))).Distinct().ToList();
            changes += await BulkInsert.InsertAsync<(long Event, string Tag)>(db, model.FindEntityType(typeof(EventTag))!,
            [
                (nameof(EventTag.EventId), t => t.Event),
                (nameof(EventTag.Tag), t => t.Tag),
                (Configurations.EventListingColumns.DateStart, t => byId[t.Event].DateStart),
                (Configurations.EventListingColumns.DateEnd, t => byId[t.Event].DateEnd),
            ], tags, cancellationToken);
            var cited = items.SelectMany(item => item.Sources.Select(s => (Event: ids[item.Slug], Source: sourceIds[s.Url]))).Distinct().ToList();
            changes += await BulkInsert.InsertAsync<(long Event, long Source)>(db, model.FindEntityType("EventSources")!,
            [
                ("EventId", s => s.Event),
                ("SourceId", s => s.Source),
            ], cited, cancellationToken);

            foreach (var item in items.Where(i => i.Related is { Count: > 0 }))
                _relations.Add((item.Slug, item.Related!));
            Changed(SearchKinds.Event, ids.Values);
            await LogAsync(events.Select(e => Created("event", e.Slug, [timelineSlug])));
            return changes;
        }

        public async Task<int> RelationsAsync()
        {
            var changes = 0;
            foreach (var batch in _relations.Chunk(BatchSize))
            {
                var slugs = batch.Select(r => r.Event).ToList();
                var events = await db.Events.IgnoreQueryFilters().Include(e => e.Relations)
                    .Where(e => EF.Parameter(slugs).Contains(e.Slug)).ToDictionaryAsync(e => e.Slug, cancellationToken);
                var ids = await EventIdsAsync(batch.SelectMany(r => r.Related.Select(x => x.Event)));
                foreach (var (slug, related) in batch)
                {
                    CollectionSync.Sync(
                        events[slug].Relations,
                        [.. related.Select(r => (Event: ids[r.Event], Relation: Kebab.Parse<EventRelationKind>(r.Relation))).Distinct()],
                        (existing, wanted) => existing.RelatedEventId == wanted.Event && existing.Relation == wanted.Relation,
                        wanted => new EventRelation { RelatedEventId = wanted.Event, Relation = wanted.Relation });
                }

                changes += await SaveAsync();
            }

            _relations.Clear();
            return changes;
        }

        /// <summary>
        /// One batch of treaties with their parties and actions. Actions are append-only and identified by party, kind and
        /// date: a new one is added, a known one updated, and none is removed (an editor retracts through the API).
        /// </summary>
        public async Task<int> TreatiesAsync(string timelineSlug, IReadOnlyList<TreatyData> items)
        {
            var slugs = items.Select(t => t.Slug).ToList();
            var existing = await db.Treaties.IgnoreQueryFilters()
                .Include(t => t.Timelines).Include(t => t.Parties)
                .Include(t => t.Actions).ThenInclude(a => a.Sources)
                .Where(t => EF.Parameter(slugs).Contains(t.Slug))
                .AsSplitQuery()
                .ToDictionaryAsync(t => t.Slug, cancellationToken);
            var timeline = await TimelineAsync(timelineSlug);
            var parties = await ActorsAsync(items.SelectMany(t => t.Parties));
            var events = await EventIdsAsync(items.SelectMany(t => t.Actions.Select(a => a.Event).Append(t.Event)).OfType<string>());
            var sources = await SourcesAsync(items.SelectMany(t => t.Actions.SelectMany(a => a.Sources)));
            foreach (var item in items)
            {
                var entity = Find(existing, item.Slug, () => new Treaty { Slug = item.Slug, Title = item.Title, UpdatedAt = now });
                entity.Title = item.Title;
                entity.ShortTitle = item.ShortTitle;
                entity.Kind = Kebab.Parse<InstrumentKind>(item.Kind);
                entity.Description = item.Description;
                entity.SetSigned(item.SignedOn is null ? null : EdtfDate.Parse(item.SignedOn));
                entity.Place = item.Place;
                entity.TextUrl = item.TextUrl;
                entity.EventId = item.Event is null ? null : events[item.Event];
                if (entity.Timelines.All(t => t.Id != timeline.Id))
                    entity.Timelines.Add(timeline);
                CollectionSync.Sync(entity.Parties, [.. item.Parties.Distinct().Select(p => parties[p])], (a, b) => a == b, a => a);

                foreach (var data in item.Actions)
                {
                    var kind = Kebab.Parse<TreatyActionKind>(data.Kind);
                    long? partyId = data.Party is null ? null : parties[data.Party].Id;
                    var action = entity.Actions.FirstOrDefault(a => a.PartyId == partyId && a.Kind == kind && a.DateText == data.Date);
                    if (action is null)
                    {
                        action = new TreatyAction { Kind = kind, PartyId = partyId, RecordedBy = RecordedBy, RecordedAt = now };
                        entity.Actions.Add(action);
                    }

                    action.SetDate(EdtfDate.Parse(data.Date));
                    action.Body = data.Body;
                    action.EventId = data.Event is null ? null : events[data.Event];
                    action.Note = data.Note;
                    CollectionSync.Sync(action.Sources, [.. data.Sources.Select(s => SourceFor(sources, s)).Distinct()], (a, b) => a == b, s => s);
                }
            }

            return await SaveAsync();
        }

        public async Task<int> CommitmentsAsync(string timelineSlug, IReadOnlyList<CommitmentData> items)
        {
            var slugs = items.Select(c => c.Slug).ToList();
            var existing = await db.Commitments.IgnoreQueryFilters()
                .Include(c => c.Timelines).Include(c => c.Parties).Include(c => c.Treaties)
                .Include(c => c.Assessments).ThenInclude(a => a.Sources)
                .Where(c => EF.Parameter(slugs).Contains(c.Slug))
                .AsSplitQuery()
                .ToDictionaryAsync(c => c.Slug, cancellationToken);
            var timeline = await TimelineAsync(timelineSlug);
            var parties = await ActorsAsync(items.SelectMany(c => c.Parties ?? []));
            var events = await EventIdsAsync(items.SelectMany(c => c.Assessments.Select(a => a.Event).Append(c.MadeIn)).OfType<string>());
            var sources = await SourcesAsync(items.SelectMany(c => c.Assessments.SelectMany(a => a.Sources)));
            var treatySlugs = items.SelectMany(c => c.Treaties ?? []).Distinct().ToList();
            var treaties = await db.Treaties.IgnoreQueryFilters().Where(t => EF.Parameter(treatySlugs).Contains(t.Slug))
                .ToDictionaryAsync(t => t.Slug, cancellationToken);
            foreach (var item in items)
            {
                var entity = Find(existing, item.Slug, () => new Commitment { Slug = item.Slug, Title = item.Title, UpdatedAt = now });
                entity.Title = item.Title;
                entity.Description = item.Description;
                entity.Language = item.Language ?? Translatable.English;
                entity.Translations = TranslationData.ToDomain(item.Translations);
                entity.Category = Kebab.Parse<CommitmentCategory>(item.Category);
                entity.MadeInEventId = item.MadeIn is null ? null : events[item.MadeIn];
                entity.SetDue(item.Due is null ? null : EdtfDate.Parse(item.Due));
                if (entity.Timelines.All(t => t.Id != timeline.Id))
                    entity.Timelines.Add(timeline);
                CollectionSync.Sync(entity.Parties, [.. (item.Parties ?? []).Distinct().Select(p => parties[p])], (a, b) => a == b, a => a);
                CollectionSync.Sync(entity.Treaties, [.. (item.Treaties ?? []).Distinct().Select(t => treaties[t])], (a, b) => a == b, t => t);

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
                    assessment.EventId = data.Event is null ? null : events[data.Event];
                    assessment.Confidence = ParseConfidence(data.Confidence);
                    assessment.Note = data.Note;
                    assessment.Language = data.Language ?? Translatable.English;
                    assessment.Translations = TranslationData.ToDomain(data.Translations);
                    CollectionSync.Sync(assessment.Sources, [.. data.Sources.Select(s => SourceFor(sources, s)).Distinct()], (a, b) => a == b, s => s);
                }
            }

            return await SaveAsync();
        }

        public async Task<int> QuotesAsync(string timelineSlug, IReadOnlyList<QuoteData> items)
        {
            var slugs = items.Select(q => q.Slug).ToList();
            var existing = await db.Quotes.IgnoreQueryFilters().Include(q => q.Timelines)
                .Where(q => EF.Parameter(slugs).Contains(q.Slug)).ToDictionaryAsync(q => q.Slug, cancellationToken);
            var timeline = await TimelineAsync(timelineSlug);
            var events = await EventIdsAsync(items.Select(q => q.Event).OfType<string>());
            var commitmentSlugs = items.Select(q => q.Commitment).OfType<string>().Distinct().ToList();
            var commitments = await db.Commitments.IgnoreQueryFilters().Where(c => EF.Parameter(commitmentSlugs).Contains(c.Slug))
                .ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);
            var sources = await SourcesAsync(items.Select(q => q.Source));
            foreach (var item in items)
            {
                var entity = Find(existing, item.Slug, () => new Quote { Slug = item.Slug, Text = item.Text, UpdatedAt = now });
                entity.Text = item.Text;
                entity.Language = item.Language ?? Translatable.English;
                entity.Translations = TranslationData.ToDomain(item.Translations);
                entity.SpeakerId = _actorIds[item.Speaker];
                var date = item.Date is null ? null : EdtfDate.Parse(item.Date);
                entity.DateText = date?.Text;
                entity.DateStart = date?.Start;
                entity.DateEnd = date?.End;
                entity.EventId = item.Event is null ? null : events[item.Event];
                entity.CommitmentId = item.Commitment is null ? null : commitments[item.Commitment];
                entity.Source = SourceFor(sources, item.Source);
                if (entity.Timelines.All(t => t.Id != timeline.Id))
                    entity.Timelines.Add(timeline);
            }

            return await SaveAsync();
        }

        /// <summary>
        /// Stamps what changed, saves the batch, brings the event lists' read model in line with it (same
        /// transaction) and forgets the batch, so that memory stays one batch.
        /// </summary>
        private async Task<int> SaveAsync()
        {
            db.ChangeTracker.DetectChanges();
            var pending = loggedAs is null ? [] : PendingEntries();
            var owners = StampChanged();
            var renamed = db.ChangeTracker.Entries<Actor>()
                .Where(e => e.State == EntityState.Modified && e.Property(a => a.Name).IsModified).Select(e => e.Entity).ToList();
            var changes = await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            // After the save, when new rows have their ids (a source's key in the log is its id).
            await LogAsync(pending.Select(p => p()));

            foreach (var owner in owners)
            {
                var (kind, id) = owner switch
                {
                    Event e => (SearchKinds.Event, e.Id),
                    Commitment c => (SearchKinds.Commitment, c.Id),
                    Quote q => (SearchKinds.Quote, q.Id),
                    Treaty t => (SearchKinds.Treaty, t.Id),
                    Actor a => (SearchKinds.Actor, a.Id),
                    _ => ("", 0L),
                };
                if (kind.Length > 0)
                    Changed(kind, [id]);
            }

            await EventListing.RefreshAsync(db, [.. owners.OfType<Event>().Select(e => e.Id)], cancellationToken);
            if (renamed.Count > 0)
            {
                // Event lists show actors' names: a renamed actor's events get their listings again.
                var ids = renamed.Select(a => a.Id).ToList();
                var events = await db.EventActors.Where(a => EF.Parameter(ids).Contains(a.ActorId)).Select(a => a.EventId).Distinct().ToListAsync(cancellationToken);
                await EventListing.RefreshAsync(db, events, cancellationToken);
            }

            return changes;
        }

        /// <summary>
        /// Brings the search index in line with what the import changed: row by row when that was a few events,
        /// commitments or quotes; rebuilt whole after a large import or when actors changed (quotes are found by
        /// their speakers' names too).
        /// </summary>
        public async Task RefreshSearchAsync(IFullTextSearch search)
        {
            if (_rebuildSearch)
            {
                await search.RebuildAsync(db, cancellationToken);
                return;
            }

            if (_changed.Values.All(ids => ids.Count == 0))
                return;

            foreach (var (kind, ids) in _changed)
                await search.RefreshAsync(db, kind, ids, cancellationToken);
        }

        // What this import created: a later pass over the same resource (related events are set once every event has
        // an id) is part of its first version, not a change to log. Ids only grow (SQLite rowids and PostgreSQL identities
        // alike, and nothing is deleted during an import), so a row is this import's when its id is above the largest
        // id of its table before the import began: constant memory, where a set of every created row grew with the archive.
        private readonly Dictionary<Type, long> _lastIdBefore = [];

        /// <summary>Notes the largest id of each logged table; call before the first change.</summary>
        public async Task StartAsync()
        {
            _lastIdBefore[typeof(TimelineStory)] = await db.Timelines.IgnoreQueryFilters().MaxAsync(x => (long?)x.Id, cancellationToken) ?? 0;
            _lastIdBefore[typeof(Actor)] = await db.Actors.IgnoreQueryFilters().MaxAsync(x => (long?)x.Id, cancellationToken) ?? 0;
            _lastIdBefore[typeof(Event)] = await db.Events.IgnoreQueryFilters().MaxAsync(x => (long?)x.Id, cancellationToken) ?? 0;
            _lastIdBefore[typeof(Commitment)] = await db.Commitments.IgnoreQueryFilters().MaxAsync(x => (long?)x.Id, cancellationToken) ?? 0;
            _lastIdBefore[typeof(Quote)] = await db.Quotes.IgnoreQueryFilters().MaxAsync(x => (long?)x.Id, cancellationToken) ?? 0;
            _lastIdBefore[typeof(Source)] = await db.Sources.IgnoreQueryFilters().MaxAsync(x => (long?)x.Id, cancellationToken) ?? 0;
            _lastIdBefore[typeof(Treaty)] = await db.Treaties.IgnoreQueryFilters().MaxAsync(x => (long?)x.Id, cancellationToken) ?? 0;
        }

        private bool CreatedHere(object entity, long id) => id > _lastIdBefore[entity.GetType()];

        private ChangeLogEntry Created(string resourceType, string key, IEnumerable<string> timelines) =>
            Features.Editing.ChangeLog.Entry(ChangeOperation.Create, loggedAs!, now, resourceType, key, timelines, []);

        /// <summary>Adds change-log entries and saves them in the import's transaction (nothing when the import is not logged).</summary>
        private async Task LogAsync(IEnumerable<ChangeLogEntry> entries)
        {
            if (loggedAs is null)
                return;
            db.Changes.AddRange(entries);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        /// <summary>
        /// The change-log entry of every resource the batch creates or changes, made after the save (ids are known then):
        /// a create lists no fields (what was imported is the first version: GET it); an update lists each changed field
        /// with both values, and each changed list (actors, tags, sources...) by name only.
        /// </summary>
        private List<Func<ChangeLogEntry>> PendingEntries()
        {
            var lists = new Dictionary<object, SortedSet<string>>(ReferenceEqualityComparer.Instance);
            foreach (var (owner, list) in ChangedChildren())
            {
                if (!lists.TryGetValue(owner, out var names))
                    lists[owner] = names = new SortedSet<string>(StringComparer.Ordinal);
                names.Add(list);
            }

            var pending = new List<Func<ChangeLogEntry>>();
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is TimelineStory or Actor or Event or Commitment or Quote or Source or Treaty))
            {
                var added = entry.State == EntityState.Added;
                if (!added && CreatedHere(entry.Entity, (long)entry.Property("Id").CurrentValue!))
                    continue;
                var fields = added ? [] : entry.Properties
                    .Where(p => p.IsModified && !Bookkeeping.Contains(p.Metadata.Name) && !Equals(p.OriginalValue, p.CurrentValue))
                    .Select(p => new Features.Changes.FieldChange(
                        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name switch
                        {
                            "DateText" => "Date",
                            "DueText" => "Due",
                            "SignedText" => "SignedOn",
                            var name => name,
                        }),
                        ValueOf(p.OriginalValue), ValueOf(p.CurrentValue)))
                    .ToList();
                if (lists.TryGetValue(entry.Entity, out var changedLists))
                    fields.AddRange(changedLists.Select(name => new Features.Changes.FieldChange(name, null, null)));
                if (!added && fields.Count == 0)
                    continue;
                var entity = entry.Entity;
                var operation = added ? ChangeOperation.Create : ChangeOperation.Update;
                pending.Add(() =>
                {
                    var (type, key, timelines) = entity switch
                    {
                        TimelineStory t => ("timeline", t.Slug, (IEnumerable<string>)[t.Slug]),
                        Actor a => ("actor", a.Slug, []),
                        Event e => ("event", e.Slug, e.Timelines.Select(t => t.Slug)),
                        Commitment c => ("commitment", c.Slug, c.Timelines.Select(t => t.Slug)),
                        Quote q => ("quote", q.Slug, q.Timelines.Select(t => t.Slug)),
                        Source source => ("source", source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), []),
                        Treaty t => ("treaty", t.Slug, t.Timelines.Select(x => x.Slug)),
                        _ => throw new InvalidOperationException($"No change-log resource for {entity.GetType().Name}."),
                    };
                    return Features.Editing.ChangeLog.Entry(operation, loggedAs!, now, type, key, timelines, fields);
                });
            }

            return pending;
        }

        /// <summary>Columns the server keeps for itself: not fields of the resource.</summary>
        private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
        {
            "Id", "UpdatedAt", "Version", "FoldedName", "DateStart", "DateEnd", "DueStart", "DueEnd", "DatePrecision", "DueSort",
            "SignedStart", "SignedEnd",
            Configurations.EventListingColumns.ListJson,
        };

        private static System.Text.Json.Nodes.JsonNode? ValueOf(object? value) => value switch
        {
            null => null,
            _ => System.Text.Json.JsonSerializer.SerializeToNode(value, Infrastructure.TimelineApp.Json),
        };

        /// <summary>Each added or removed child row, as the resource it belongs to and the name of the list it is in.</summary>
        private IEnumerable<(object Owner, string List)> ChangedChildren()
        {
            var byKey = new Dictionary<(Type, long), object>();
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.Entity is TimelineStory or Actor or Event or Commitment or Quote or Source or Assessment or Treaty or TreatyAction)
                    byKey[(entry.Entity.GetType(), (long)entry.Property("Id").CurrentValue!)] = entry.Entity;
            }

            object? Owner<T>(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string foreignKey) =>
                entry.Property(foreignKey).CurrentValue is long id && byKey.TryGetValue((typeof(T), id), out var owner) ? owner : null;

            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified))
            {
                var (owner, list) = entry.Entity switch
                {
                    TreatyAction => (Owner<Treaty>(entry, nameof(TreatyAction.TreatyId)), "actions"),
                    Dictionary<string, object> join when join.ContainsKey("TreatyId") => (Owner<Treaty>(entry, "TreatyId"),
                        join.ContainsKey("ActorId") ? "parties" : join.ContainsKey("CommitmentId") ? "commitments" : "timelines"),
                    Dictionary<string, object> join when join.ContainsKey("TreatyActionId") =>
                        (Owner<TreatyAction>(entry, "TreatyActionId") is TreatyAction action ? Owner<Treaty>(db.Entry(action), nameof(TreatyAction.TreatyId)) : null, "actions"),
                    ActorAlias => (Owner<Actor>(entry, nameof(ActorAlias.ActorId)), "aliases"),
                    EventActor => (Owner<Event>(entry, "EventId"), "actors"),
                    EventTag => (Owner<Event>(entry, "EventId"), "tags"),
                    EventRelation => (Owner<Event>(entry, "EventId"), "related"),
                    Assessment => (Owner<Commitment>(entry, nameof(Assessment.CommitmentId)), "assessments"),
                    Dictionary<string, object> join when join.ContainsKey("EventId") => (Owner<Event>(entry, "EventId"), join.ContainsKey("TimelineId") ? "timelines" : "sources"),
                    Dictionary<string, object> join when join.ContainsKey("CommitmentId") => (Owner<Commitment>(entry, "CommitmentId"), join.ContainsKey("TimelineId") ? "timelines" : "parties"),
                    Dictionary<string, object> join when join.ContainsKey("QuoteId") => (Owner<Quote>(entry, "QuoteId"), "timelines"),
                    Dictionary<string, object> join when join.ContainsKey("AssessmentId") =>
                        (Owner<Assessment>(entry, "AssessmentId") is Assessment a ? Owner<Commitment>(db.Entry(a), nameof(Assessment.CommitmentId)) : null, "assessments"),
                    _ => (null, ""),
                };
                if (owner is not null)
                    yield return (owner, list);
            }
        }

        /// <summary>
        /// Sets <c>UpdatedAt</c> and bumps <c>Version</c> once on every aggregate whose own row or child rows
        /// changed, so ETags and concurrency checks see imports like any other write. Child rows find their
        /// aggregate by foreign key (temporary keys for rows not saved yet), in one pass over the batch.
        /// </summary>
        private HashSet<object> StampChanged()
        {
            var byKey = new Dictionary<(Type, long), object>();
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.Entity is TimelineStory or Actor or Event or Commitment or Quote or Source or Assessment or Treaty or TreatyAction)
                    byKey[(entry.Entity.GetType(), (long)entry.Property("Id").CurrentValue!)] = entry.Entity;
            }

            object? Owner<T>(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string foreignKey) =>
                entry.Property(foreignKey).CurrentValue is long id && byKey.TryGetValue((typeof(T), id), out var owner) ? owner : null;

            var owners = new HashSet<object>(ReferenceEqualityComparer.Instance);
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                var owner = entry.Entity switch
                {
                    TimelineStory or Actor or Event or Commitment or Quote or Source or Treaty => entry.Entity,
                    TreatyAction => Owner<Treaty>(entry, nameof(TreatyAction.TreatyId)),
                    ActorAlias => Owner<Actor>(entry, nameof(ActorAlias.ActorId)),
                    EventActor or EventTag or EventRelation => Owner<Event>(entry, "EventId"),
                    Assessment => Owner<Commitment>(entry, nameof(Assessment.CommitmentId)),
                    Dictionary<string, object> join when join.ContainsKey("EventId") => Owner<Event>(entry, "EventId"),
                    Dictionary<string, object> join when join.ContainsKey("CommitmentId") => Owner<Commitment>(entry, "CommitmentId"),
                    Dictionary<string, object> join when join.ContainsKey("QuoteId") => Owner<Quote>(entry, "QuoteId"),
                    Dictionary<string, object> join when join.ContainsKey("TreatyId") => Owner<Treaty>(entry, "TreatyId"),
                    Dictionary<string, object> join when join.ContainsKey("TreatyActionId") =>
                        Owner<TreatyAction>(entry, "TreatyActionId") is TreatyAction ta ? Owner<Treaty>(db.Entry(ta), nameof(TreatyAction.TreatyId)) : null,
                    Dictionary<string, object> join when join.ContainsKey("AssessmentId") =>
                        Owner<Assessment>(entry, "AssessmentId") is Assessment a ? Owner<Commitment>(db.Entry(a), nameof(Assessment.CommitmentId)) : null,
                    _ => null,
                };
                if (owner is not null)
                    owners.Add(owner);
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
                    case Treaty t: t.UpdatedAt = now; t.Version++; break;
                    case Source s: s.Version++; break;
                }
            }

            db.ChangeTracker.DetectChanges();
            return owners;
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

        private async Task<TimelineStory> TimelineAsync(string slug)
        {
            var id = _timelineIds[slug];
            return await db.Timelines.IgnoreQueryFilters().SingleAsync(t => t.Id == id, cancellationToken);
        }

        private async Task<Dictionary<string, Actor>> ActorsAsync(IEnumerable<string> slugs)
        {
            var wanted = slugs.Distinct().ToList();
            return await db.Actors.IgnoreQueryFilters().Where(a => EF.Parameter(wanted).Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, cancellationToken);
        }

        private async Task<Dictionary<string, long>> EventIdsAsync(IEnumerable<string> slugs)
        {
            var wanted = slugs.Distinct().ToList();
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var chunk in wanted.Chunk(BatchSize))
            {
                foreach (var e in await db.Events.IgnoreQueryFilters().Where(e => EF.Parameter(chunk).Contains(e.Slug)).Select(e => new { e.Slug, e.Id }).ToListAsync(cancellationToken))
                    ids[e.Slug] = e.Id;
            }

            return ids;
        }

        /// <summary>The batch's sources by URL, tracked; ones not in the database yet are added when first cited.</summary>
        private async Task<Dictionary<string, Source>> SourcesAsync(IEnumerable<SourceData> cited)
        {
            var urls = cited.Select(s => s.Url).Distinct().ToList();
            var sources = new Dictionary<string, Source>(StringComparer.Ordinal);
            foreach (var chunk in urls.Chunk(BatchSize))
            {
                foreach (var source in await db.Sources.IgnoreQueryFilters().Where(s => EF.Parameter(chunk).Contains(s.Url)).ToListAsync(cancellationToken))
                    sources[source.Url] = source;
            }

            return sources;
        }

        private Source SourceFor(Dictionary<string, Source> sources, SourceData data)
        {
            if (!sources.TryGetValue(data.Url, out var source))
            {
                source = new Source { Url = data.Url };
                db.Add(source);
                sources[data.Url] = source;
            }

            Merge(source, data);
            return source;
        }

        /// <summary>Several facts cite one source; whatever details a citation gives update it (the last file read wins).</summary>
        private static void Merge(Source source, SourceData data)
        {
            source.Title = data.Title ?? source.Title;
            source.Publisher = data.Publisher ?? source.Publisher;
            source.PublishedText = data.Published ?? source.PublishedText;
            source.ArchivedUrl = data.ArchivedUrl ?? source.ArchivedUrl;
            source.Language = data.Language ?? source.Language;
            source.Translations = data.Translations is null ? source.Translations : TranslationData.ToDomain(data.Translations);
        }

        private static Confidence? ParseConfidence(string? text) => text is null ? null : Kebab.Parse<Confidence>(text);
    }
}
