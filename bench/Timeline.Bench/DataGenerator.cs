using System.Globalization;
using System.Text;
using Timeline.Api.Data.Export;
using Timeline.Api.Data.Import;

namespace Timeline.Bench;

/// <summary>
/// A synthetic archive written as ordinary data files (the format of <c>data/</c>), so that the benchmark
/// database is filled by the project's own <c>import</c> verb. The same size always gives the same files:
/// every choice comes from one seeded generator, and nothing depends on the clock or the machine.
/// </summary>
/// <remarks>
/// Shape, whatever the size: six timelines (one of a fixed 1,000 events for the export scenarios, five
/// sharing the rest 40/25/15/12/8 %), 500 actors with aliases in other spellings and scripts, 300 tags,
/// 25 commitments per timeline with 2–8 assessments each, one quote per 100 events. Actors and tags are
/// picked with a Zipf distribution, so some are in a third of all events and some in one in a thousand
/// (<see cref="ActorWithShare"/> finds one of a given share). Dates run from 1950 to 2026: three quarters to
/// the day, the rest months, years, approximate or uncertain days, intervals of days to years, decades
/// and a few open intervals. The word <see cref="CommonWord"/> is in 30 % of event summaries and
/// <see cref="RareWord"/> in 0.1 %. One treaty per 1,000 events (<see cref="TreatyCount"/>), spread over the five large
/// timelines, between 2–4 of the 40 most present actors (the first ones most often), each with its parties' signatures,
/// most of their ratifications, an entry into force once all have ratified, and now and then a withdrawal; these come
/// from a generator of their own, so the events are the same as before treaties were added.
/// </remarks>
public sealed class DataGenerator
{
    /// <summary>Bumped whenever the generated data changes, so that cached benchmark databases are rebuilt.</summary>
    public const int Version = 2;

    public const int EventsPerFile = 2_000;
    public const int SampleTimelineEvents = 1_000;
    public const string SampleTimeline = "archive-sample";
    public const string CommonWord = "agreement";
    public const string RareWord = "moratorium";
    public const int ActorCount = 500;
    public const int TagCount = 300;
    public const int CommitmentsPerTimeline = 25;

    private static readonly (string Slug, string Title, double Share)[] Timelines =
    [
        (SampleTimeline, "Archive sample", 0),
        ("eastern-partnership", "Eastern partnership", 0.40),
        ("customs-union", "Customs union", 0.25),
        ("security-council", "Security council", 0.15),
        ("energy-transit", "Energy transit", 0.12),
        ("border-commission", "Border commission", 0.08),
    ];

    private static readonly string[] Kinds =
    [
        "treaty", "signing", "agreement", "meeting", "summit", "talks", "statement", "poll", "law", "ratification", "deadline",
        "election", "referendum", "deployment", "report", "publication", "sanction", "exchange", "appointment", "other",
    ];

    private static readonly string[] Roles = ["signatory", "participant", "host", "speaker", "organiser", "subject", "author", "mediator"];
    private static readonly string[] Relations = ["anniversary-of", "follow-up-to", "postponed-to", "replaced-by", "part-of", "response-to", "preceded-by"];
    private static readonly string[] Categories = ["political", "economic", "monetary", "defence", "legal", "social"];
    private static readonly string[] Statuses = ["not-started", "in-progress", "stalled", "partially-materialised", "materialised", "abandoned"];

    private static readonly string[] Syllables =
    [
        "ka", "ra", "vo", "ne", "li", "sha", "to", "mir", "ov", "en", "ko", "dan", "ta", "ser", "gei", "al", "lek", "san",
        "dr", "vi", "ktor", "yu", "ri", "ba", "la", "shen", "na", "ma", "ksim", "go", "rod", "sla", "zhe", "pe", "tr",
    ];

    // Ordinary newsroom words; neither marker word is among them, so their shares are exactly as planted.
    private static readonly string[] Words =
    [
        "government", "minister", "president", "talks", "treaty", "union", "border", "trade", "energy", "gas", "oil", "transit",
        "parliament", "vote", "law", "court", "ruling", "sanctions", "delegation", "summit", "visit", "meeting", "press", "statement",
        "officials", "said", "announced", "signed", "rejected", "approved", "delayed", "postponed", "cancelled", "planned", "draft",
        "programme", "plan", "road", "map", "integration", "customs", "tariff", "duty", "price", "subsidy", "loan", "credit", "bank",
        "currency", "rouble", "market", "industry", "factory", "workers", "strike", "protest", "opposition", "election", "campaign",
        "observers", "mission", "report", "commission", "committee", "council", "assembly", "deputy", "chair", "envoy", "ambassador",
        "embassy", "foreign", "defence", "army", "exercise", "troops", "base", "security", "police", "arrest", "release", "prisoner",
        "exchange", "media", "newspaper", "broadcast", "channel", "journalist", "interview", "speech", "address", "anniversary",
        "ceremony", "capital", "region", "province", "city", "village", "pipeline", "railway", "port", "airport", "bridge", "dam",
        "reactor", "plant", "grid", "supply", "contract", "deal", "partner", "neighbour", "alliance", "bloc", "membership", "accession",
        "negotiations", "round", "proposal", "demand", "concession", "compromise", "deadline", "extension", "review", "audit", "budget",
        "tax", "revenue", "export", "import", "quota", "licence", "permit", "visa", "passport", "citizens", "migration", "refugees",
        "humanitarian", "aid", "reconstruction", "investment", "fund", "grant", "debt", "payment", "arrears", "dispute", "arbitration",
        "tribunal", "appeal", "decree", "order", "resolution", "declaration", "communique", "memorandum", "protocol", "annex",
        "clause", "article", "amendment", "constitution", "referendum", "poll", "survey", "turnout", "result", "recount", "fraud",
        "monitoring", "inspection", "verification", "ceasefire", "withdrawal", "deployment", "peacekeepers", "mandate", "renewal",
        "spokesman", "spokeswoman", "adviser", "cabinet", "premier", "chancellor", "governor", "mayor", "senator", "general",
        "commander", "director", "chairman", "secretary", "head", "leader", "party", "faction", "coalition", "majority", "minority",
        "session", "hearing", "debate", "motion", "bill", "reading", "veto", "override", "signature", "ratified", "entered", "force",
        "suspended", "terminated", "renewed", "extended", "expired", "violated", "complied", "implemented", "stalled", "resumed",
    ];

    private static readonly string[] Cities =
    [
        "Minsk", "Moscow", "Kyiv", "Vilnius", "Riga", "Warsaw", "Sochi", "Brest", "Grodno", "Vitebsk", "Gomel", "Mogilev", "Smolensk",
        "St Petersburg", "Kaliningrad", "Astana", "Yerevan", "Tbilisi", "Baku", "Chisinau", "Bishkek", "Tashkent", "Dushanbe",
        "Geneva", "Vienna", "Brussels", "Berlin", "Paris", "Helsinki", "Stockholm", "Tallinn", "Prague", "Budapest", "Bratislava",
        "Bucharest", "Sofia", "Istanbul", "Ankara", "Beijing", "Novo-Ogaryovo", "Valdai", "Zavidovo", "Orsha", "Pinsk", "Lida",
    ];

    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['a'] = "а", ['b'] = "б", ['v'] = "в", ['g'] = "г", ['d'] = "д", ['e'] = "е", ['z'] = "з", ['i'] = "и", ['k'] = "к",
        ['l'] = "л", ['m'] = "м", ['n'] = "н", ['o'] = "о", ['p'] = "п", ['r'] = "р", ['s'] = "с", ['t'] = "т", ['u'] = "у",
        ['f'] = "ф", ['h'] = "х", ['y'] = "ы", ['c'] = "ц", ['j'] = "й", ['x'] = "кс", ['w'] = "в", ['q'] = "к",
    };

    private readonly int _events;
    private readonly Rng _rng = new(0x7151_2026);
    private readonly Rng _treatyRng = new(0x7151_2012);
    private readonly List<ActorData> _actors = [];
    private readonly List<string> _tags = [];
    private readonly double[] _actorWeights;
    private readonly double[] _tagWeights;

    public DataGenerator(int events)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, SampleTimelineEvents * 2);
        _events = events;
        _actorWeights = ZipfCumulative(ActorCount, 1.0);
        _tagWeights = ZipfCumulative(TagCount, 1.0);
    }

    /// <summary>How many events each timeline gets; the sample timeline is the same size whatever the total.</summary>
    public IReadOnlyList<(string Slug, int Events)> TimelineSizes()
    {
        var rest = _events - SampleTimelineEvents;
        var sizes = new List<(string, int)> { (SampleTimeline, SampleTimelineEvents) };
        var given = 0;
        for (var i = 1; i < Timelines.Length; i++)
        {
            var size = i == Timelines.Length - 1 ? rest - given : (int)(rest * Timelines[i].Share);
            sizes.Add((Timelines[i].Slug, size));
            given += size;
        }

        return sizes;
    }

    /// <summary>How many treaties an archive of this many events has: one per 1,000 events.</summary>
    public static int TreatyCount(int events) => Math.Max(10, events / 1_000);

    /// <summary>The slug of treaty number <paramref name="index"/> (from 1).</summary>
    public static string TreatySlug(int index) => $"archive-treaty-{index:D4}";

    /// <summary>The slug of the actor with this rank in popularity (1 is in the most events).</summary>
    public static string ActorSlug(int rank) => $"actor-{rank:D3}";

    /// <summary>The rank of the actor expected in about this share of events (picks of 1–5 actors per event, Zipf s=1).</summary>
    public static int ActorWithShare(double share)
    {
        var harmonic = Enumerable.Range(1, ActorCount).Sum(r => 1.0 / r);
        return Math.Clamp((int)Math.Round(2.6 / (harmonic * share)), 1, ActorCount);
    }

    /// <summary>The tag with this rank in popularity.</summary>
    public static string TagSlug(int rank) => $"{Words[(rank - 1) % Words.Length]}-{rank}";

    /// <summary>The rank of the tag expected in about this share of events (1–4 tags per event, Zipf s=1).</summary>
    public static int TagWithShare(double share)
    {
        var harmonic = Enumerable.Range(1, TagCount).Sum(r => 1.0 / r);
        return Math.Clamp((int)Math.Round(2.5 / (harmonic * share)), 1, TagCount);
    }

    /// <summary>Writes the data files into <paramref name="folder"/> and returns how many files it wrote.</summary>
    public int WriteFiles(string folder)
    {
        Directory.CreateDirectory(folder);
        var files = 0;
        MakeActors();
        for (var rank = 1; rank <= TagCount; rank++)
            _tags.Add(TagSlug(rank));

        Write(Path.Combine(folder, "timelines.yaml"), new DataFileContent
        {
            Timelines = [.. Timelines.Select(t => new TimelineData
            {
                Slug = t.Slug,
                Title = t.Title,
                Description = $"A synthetic timeline of the benchmark archive: {t.Title.ToLowerInvariant()}, 1950 to 2026.",
                Language = "en",
            })],
        });
        Write(Path.Combine(folder, "actors.yaml"), new DataFileContent { Actors = _actors });
        files += 2;

        var sequence = 0;
        foreach (var (slug, size) in TimelineSizes())
        {
            var timelineFolder = Path.Combine(folder, slug);
            Directory.CreateDirectory(timelineFolder);
            var slugs = new List<string>(size);
            var quotes = new List<QuoteData>();
            for (var start = 0; start < size; start += EventsPerFile)
            {
                var count = Math.Min(EventsPerFile, size - start);
                var events = new List<EventData>(count);
                for (var i = 0; i < count; i++)
                {
                    var item = MakeEvent(sequence++, slugs);
                    events.Add(item);
                    slugs.Add(item.Slug);
                    if (_rng.Chance(0.01))
                        quotes.Add(MakeQuote(quotes.Count, slug, item));
                }

                Write(Path.Combine(timelineFolder, $"events-{start / EventsPerFile + 1:D4}.yaml"), new DataFileContent { Timeline = slug, Events = events });
                files++;
            }

            Write(Path.Combine(timelineFolder, "commitments.yaml"), new DataFileContent
            {
                Timeline = slug,
                Commitments = [.. Enumerable.Range(1, CommitmentsPerTimeline).Select(i => MakeCommitment(slug, i, slugs))],
            });
            Write(Path.Combine(timelineFolder, "quotes.yaml"), new DataFileContent { Timeline = slug, Quotes = quotes });
            files += 2;
        }

        // The treaties, after every event: their own generator leaves the events' draws as they were.
        var treaties = Enumerable.Range(1, TreatyCount(_events)).Select(MakeTreaty).ToList();
        for (var i = 1; i < Timelines.Length; i++)
        {
            var slug = Timelines[i].Slug;
            Write(Path.Combine(folder, slug, "treaties.yaml"), new DataFileContent
            {
                Timeline = slug,
                Treaties = [.. treaties.Where((_, index) => index % (Timelines.Length - 1) == i - 1)],
            });
            files++;
        }

        return files;
    }

    private static void Write(string path, DataFileContent content) =>
        File.WriteAllText(path, DataFileWriter.ToYaml(content, "timeline-data.schema.json"), new UTF8Encoding(false));

    private void MakeActors()
    {
        for (var rank = 1; rank <= ActorCount; rank++)
        {
            var kind = rank switch
            {
                <= 40 => rank % 5 == 0 ? "organisation" : "state",
                <= 100 => "organisation",
                <= 480 => "person",
                _ => "media",
            };
            var name = kind == "person" ? $"{Capitalise(Name(2))} {Capitalise(Name(3))}" : $"{Capitalise(Name(3))} {KindWord(kind)}";
            var aliases = new List<string> { Transliterate(name), ToCyrillic(name) };
            if (_rng.Chance(0.4))
                aliases.Add(Accented(name));
            _actors.Add(new ActorData
            {
                Slug = ActorSlug(rank),
                Name = name,
                Kind = kind,
                Description = $"{Capitalise(Sentence(8, 16))}.",
                Aliases = [.. aliases.Where(a => a != name).Distinct()],
            });
        }
    }

    private EventData MakeEvent(int sequence, List<string> earlier)
    {
        var (date, start) = MakeDate();
        var title = Capitalise(Sentence(4, 10));
        var summary = new StringBuilder(Capitalise(Sentence(12, 40)));
        if (_rng.Chance(0.30))
            summary.Append(CultureInfo.InvariantCulture, $" The {CommonWord} was {Pick(Words)}");
        if (_rng.Chance(0.001))
            summary.Append(CultureInfo.InvariantCulture, $" A {RareWord} on {Pick(Words)} followed");
        summary.Append('.');
        if (_rng.Chance(0.5))
            summary.Append(' ').Append(Capitalise(Sentence(10, 30))).Append('.');

        var future = start > new DateOnly(2026, 6, 1);
        var status = future ? (_rng.Chance(0.8) ? "planned" : "postponed")
            : _rng.Next(100) switch { < 86 => "occurred", < 93 => "planned", < 97 => "cancelled", _ => "postponed" };
        var actors = Enumerable.Range(0, 1 + _rng.Next(5))
            .Select(_ => new EventActorData { Actor = ActorSlug(1 + Zipf(_actorWeights)), Role = Pick(Roles) })
            .DistinctBy(a => (a.Actor, a.Role))
            .ToList();
        var tags = Enumerable.Range(0, 1 + _rng.Next(4)).Select(_ => _tags[Zipf(_tagWeights)]).Distinct().ToList();
        var slug = $"{start:yyyy-MM-dd}-{Slugify(title, 5)}-{sequence.ToString(CultureInfo.InvariantCulture)}";
        var sources = new List<SourceData>
        {
            new()
            {
                Url = $"https://news{_rng.Next(40)}.example.org/{start:yyyy/MM}/{slug}",
                Title = Capitalise(Sentence(5, 12)),
                Publisher = $"News {Capitalise(Name(2))}",
                Published = start.Year < 2026 ? start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            },
        };
        if (_rng.Chance(0.2))
            sources.Add(new SourceData { Url = $"https://archive.example.org/collection/{_rng.Next(2_000)}", Publisher = "State archive" });

        return new EventData
        {
            Slug = slug,
            Title = title,
            Summary = summary.ToString(),
            Date = date,
            Kind = Pick(Kinds),
            Status = status,
            Place = _rng.Chance(0.7) ? Pick(Cities) : null,
            Actors = actors,
            Tags = tags,
            Related = earlier.Count > 0 && _rng.Chance(0.05)
                ? [new RelatedEventData { Event = earlier[earlier.Count - 1 - _rng.Next(Math.Min(earlier.Count, 500))], Relation = Pick(Relations) }]
                : null,
            Confidence = _rng.Next(10) switch { < 5 => "high", < 8 => "medium", < 9 => "low", _ => null },
            Note = _rng.Chance(0.05) ? Capitalise(Sentence(8, 20)) + "." : null,
            Sources = sources,
        };
    }

    private CommitmentData MakeCommitment(string timeline, int index, List<string> events)
    {
        var madeIn = events[_rng.Next(Math.Max(1, events.Count / 2))];
        var year = int.Parse(madeIn[..4], CultureInfo.InvariantCulture);
        var assessments = new List<AssessmentData>();
        var day = new DateOnly(year, 1, 1).AddDays(_rng.Next(365));
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < 2 + _rng.Next(7) && day.Year <= 2026; i++)
        {
            var date = _rng.Chance(0.7) ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var status = i == 0 ? "not-started" : Pick(Statuses);
            if (seen.Add((date, status)))
            {
                assessments.Add(new AssessmentData
                {
                    Date = date,
                    Status = status,
                    Summary = Capitalise(Sentence(10, 30)) + ".",
                    Event = _rng.Chance(0.3) ? events[_rng.Next(events.Count)] : null,
                    Confidence = "medium",
                    Sources = [new SourceData { Url = $"https://monitor.example.org/{timeline}/{index}/{i}", Publisher = "Monitor" }],
                });
            }

            day = day.AddDays(60 + _rng.Next(1500));
        }

        return new CommitmentData
        {
            Slug = $"{timeline}-commitment-{index:D2}",
            Title = Capitalise(Sentence(3, 7)),
            Description = Capitalise(Sentence(15, 40)) + ".",
            Category = Pick(Categories),
            Parties = [.. Enumerable.Range(0, 1 + _rng.Next(3)).Select(_ => ActorSlug(1 + _rng.Next(40))).Distinct()],
            MadeIn = madeIn,
            Due = _rng.Chance(0.5) ? (year + 1 + _rng.Next(10)).ToString(CultureInfo.InvariantCulture) : null,
            Assessments = assessments,
        };
    }

    /// <summary>
    /// A treaty between 2–4 of the 40 most present actors: each party signs on the signing day, most ratify within two
    /// years, the treaty enters into force a month after the last ratification when all have ratified, and one party in
    /// ten treaties in force later withdraws (before 2026). Signing days run from 1950 to 2019, so every action is in the past.
    /// </summary>
    private TreatyData MakeTreaty(int index)
    {
        var rng = _treatyRng;
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var signed = new DateOnly(1950, 1, 1).AddDays(rng.Next(25_500));
        var slug = TreatySlug(index);
        var parties = new List<string>();
        var wanted = 2 + rng.Next(3);
        while (parties.Count < wanted)
        {
            // The square of a uniform draw favours the first ranks: actor-001 is party to about a sixth of the treaties.
            var party = ActorSlug(1 + (int)(40 * Math.Pow(rng.NextDouble(), 2)));
            if (!parties.Contains(party, StringComparer.Ordinal))
                parties.Add(party);
        }

        List<SourceData> Sourced(string what) => [new SourceData { Url = $"https://treaties.example.org/{slug}/{what}", Publisher = "Treaty depositary" }];
        var actions = parties.Select(p => new TreatyActionData { Party = p, Kind = "signature", Date = Day(signed), Body = "President", Sources = Sourced($"{p}-signature") }).ToList();
        var ratified = new List<DateOnly>();
        foreach (var party in parties.Where(_ => rng.Chance(0.8)))
        {
            var day = signed.AddDays(30 + rng.Next(700));
            ratified.Add(day);
            actions.Add(new TreatyActionData { Party = party, Kind = "ratification", Date = Day(day), Body = "Parliament", Sources = Sourced($"{party}-ratification") });
        }

        if (ratified.Count == parties.Count)
        {
            var inForce = ratified.Max().AddDays(30);
            actions.Add(new TreatyActionData { Kind = "entry-into-force", Date = Day(inForce), Sources = Sourced("entry-into-force") });
            var withdrawn = inForce.AddDays(365 + rng.Next(3_000));
            if (rng.Chance(0.1) && withdrawn < new DateOnly(2026, 1, 1))
            {
                var party = parties[rng.Next(parties.Count)];
                actions.Add(new TreatyActionData
                {
                    Party = party, Kind = "withdrawal", Date = Day(withdrawn), Body = "Government", Sources = Sourced($"{party}-withdrawal"),
                });
            }
        }

        return new TreatyData
        {
            Slug = slug,
            Title = $"Treaty {index} on {Words[rng.Next(Words.Length)]} and {Words[rng.Next(Words.Length)]} cooperation",
            Kind = rng.Chance(0.7) ? "treaty" : "agreement",
            SignedOn = Day(signed),
            Place = Cities[rng.Next(Cities.Length)],
            Parties = parties,
            Actions = actions,
        };
    }

    private QuoteData MakeQuote(int index, string timeline, EventData item) => new()
    {
        Slug = $"{timeline}-quote-{index}",
        Text = Capitalise(Sentence(10, 30)) + ".",
        Speaker = item.Actors![0].Actor,
        Date = item.Date.Contains('/', StringComparison.Ordinal) ? null : item.Date,
        Event = item.Slug,
        Source = new SourceData { Url = $"https://quotes.example.org/{timeline}/{index}", Publisher = "Quotes archive" },
    };

    /// <summary>An EDTF date of mixed precision and the day it starts on (for slugs and statuses).</summary>
    private (string Edtf, DateOnly Start) MakeDate()
    {
        var day = new DateOnly(1950, 1, 1).AddDays(_rng.Next(28_125)); // to 2026-12-31
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var roll = _rng.Next(1000);
        return roll switch
        {
            < 750 => (Day(day), day),
            < 870 => (day.ToString("yyyy-MM", CultureInfo.InvariantCulture), new DateOnly(day.Year, day.Month, 1)),
            < 930 => (day.Year.ToString(CultureInfo.InvariantCulture), new DateOnly(day.Year, 1, 1)),
            < 950 => (Day(day) + "~", day),
            < 960 => (Day(day) + "?", day),
            < 990 => ($"{Day(day)}/{Day(day.AddDays(1 + _rng.Next(14)))}", day),
            < 994 => ($"{day:yyyy-MM}/{day.AddMonths(1 + _rng.Next(11)):yyyy-MM}", new DateOnly(day.Year, day.Month, 1)),
            < 996 => ($"{day.Year}/{Math.Min(9999, day.Year + 1 + _rng.Next(6))}", new DateOnly(day.Year, 1, 1)),
            < 998 => ($"{day.Year / 10}X", new DateOnly(day.Year / 10 * 10, 1, 1)),
            < 999 => ($"{Day(day)}/..", day),
            _ => ($"../{Day(day)}", day),
        };
    }

    private string Sentence(int min, int max) =>
        string.Join(' ', Enumerable.Range(0, min + _rng.Next(max - min + 1)).Select(_ => _rng.Chance(0.08) ? Capitalise(Name(2)) : Pick(Words)));

    private string Name(int syllables) => string.Concat(Enumerable.Range(0, syllables).Select(_ => Pick(Syllables)));

    private T Pick<T>(T[] items) => items[_rng.Next(items.Length)];

    private int Zipf(double[] cumulative)
    {
        var x = _rng.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        return index >= 0 ? index : ~index;
    }

    private static double[] ZipfCumulative(int count, double s)
    {
        var cumulative = new double[count];
        var sum = 0.0;
        for (var rank = 1; rank <= count; rank++)
            cumulative[rank - 1] = sum += 1.0 / Math.Pow(rank, s);
        return cumulative;
    }

    private static string KindWord(string kind) => kind switch
    {
        "state" => "Republic",
        "organisation" => "Council",
        _ => "Broadcast",
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Slugify(string text, int words) =>
        string.Join('-', text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(words)
            .Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)])).Where(w => w.Length > 0));

    private static string Transliterate(string name) =>
        name.Replace("ks", "x", StringComparison.Ordinal).Replace("sh", "š", StringComparison.Ordinal).Replace("zh", "ž", StringComparison.Ordinal);

    private static string Accented(string name) => name.Replace('e', 'ë').Replace('a', 'á');

    private static string ToCyrillic(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            var lower = char.ToLowerInvariant(c);
            var mapped = Cyrillic.TryGetValue(lower, out var cyr) ? cyr : c.ToString();
            builder.Append(char.IsUpper(c) ? mapped.ToUpperInvariant() : mapped);
        }

        return builder.ToString();
    }

    /// <summary>SplitMix64: small, fast and the same on every platform and runtime.</summary>
    private sealed class Rng(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }

        public int Next(int bound) => (int)(NextUInt64() % (ulong)bound);

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public bool Chance(double p) => NextDouble() < p;
    }
}
