using System.Net;
using Timeline.Api.Data.Import;
using Timeline.Api.Tests.Infrastructure;

namespace Timeline.Api.Tests.Data;

/// <summary>
/// The gate on what actors' descriptions claim. An actor's description may state an office or a characterisation
/// only as far as a source the data set cites says so; data files cannot yet carry an actor's sources (that needs
/// storage), so until they can this test keeps the register: each described actor, the description as sourced, and
/// the sources that state it. Changing a description means re-sourcing it here.
/// </summary>
[Collection(BundledData.Name)]
public sealed class ActorDescriptionSourcesTests(TimelineApiFactory factory)
{
    private const string Article = "https://belsat.eu/en/news/belarus-russia-integration-what-s-in-it-for-kremlin-eng-video/";
    private const string UnionStateTreaty = "https://docslib.org/doc/12498764/general-assembly-13-december-1999-english-original-russian";
    private const string PostkomHistory = "http://www.postkomsg.com/en/historysg/";
    private const string NormandyRustavi = "https://rustavi2.ge/en/news/149609";
    private const string NormandyAnsa = "http://www.ansa.it/sito/notizie/mondo/europa/2019/12/10/ucraina-impegno-per-cessate-il-fuoco_57e37502-f916-435f-bb84-4bd87092f3a9.html";
    private const string NormandyRt = "https://www.rt.com/news/475362-normandy-four-media-conference/";
    private const string SochiRumas = "https://www.urdupoint.com/en/world/belarusian-prime-minister-sergei-rumas-of-bel-780355.html";
    private const string SochiPrimeMinisters = "https://www.urdupoint.com/en/world/russian-belarusian-prime-ministers-discuss-i-787124.html";
    private const string Decree6Osn = "https://www.osnmedia.ru/politika/putin-i-lukashenko-podpisali-dekret-soyuznogo-gosudarstva/";
    private const string Decree6Devdiscourse = "https://www.devdiscourse.com/article/international/1795326-putin-lukashenko-approve-union-states-military-doctrine";
    private const string GlazyevTass = "https://tass.com/politics/1944965";
    private const string RatificationLiquisearch = "https://liquisearch.com/union_state/creation";
    private const string RatificationGipras = "https://gipras.ru/s013207690007181-1-1/?sl=en";
    private const string SecurityTreatySoyuz = "https://soyuz.by/en/security/the-russian-parliament-ratified-the-treaty-with-belarus-on-security-guarantees";
    private const string PrisonerSwapVoa = "https://www.voanews.com/episode/ukraine-russia-backed-rebels-swap-prisoners-4136586";
    private const string PrisonerSwapDw = "https://www.dw.com/en/ukraine-pro-russia-separatists-carry-out-landmark-prisoner-exchange/a-51825482";
    private const string MinskAgreementsOver = "https://english.pravda.ru/news/russia/150401-putin_minsk/";
    private const string CustomsUnion2010 = "http://data.minsk.by/belarusnews/112009/259.html";
    private const string RoublePravda = "https://english.pravda.ru/news/russia/48086-n/";
    private const string RoubleCentralBanking = "https://www.centralbanking.com/central-banking/news/1412145/russia-belarus-single-currency";

    /// <summary>slug → (description, sources that state it). Actors not listed here carry no description.</summary>
    public static IReadOnlyDictionary<string, (string Description, string[] Sources)> Register { get; } =
        new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
        {
            // States
            ["belarus"] = ("Republic of Belarus, one of the two members of the Union State.", [Article, UnionStateTreaty]),
            ["russia"] = ("Russian Federation, the other member of the Union State.", [Article, UnionStateTreaty]),
            ["ukraine"] = ("Party to the Normandy-format talks on the situation in eastern Ukraine.", [Article, NormandyRustavi, NormandyAnsa, NormandyRt]),
            ["france"] = ("Took part in the Normandy-format talks; the December 2019 summit was held in Paris.", [Article, NormandyRustavi, NormandyAnsa, NormandyRt]),
            ["germany"] = ("Took part in the Normandy-format talks, including the December 2019 summit in Paris.", [NormandyRustavi, NormandyAnsa, NormandyRt]),
            ["kazakhstan"] = ("One of the three members, with Belarus and Russia, of the customs union that started in 2010.", [CustomsUnion2010]),

            // People
            ["alyaksandr-lukashenka"] = ("President of Belarus; signed the 1999 Union State treaty with Yeltsin.", [Article]),
            ["vladimir-putin"] = ("President of Russia; re-elected in 2024 for a term that runs to 2030.", [Article, "https://www.straitstimes.com/world/europe/putin-wins-russian-presidential-election-with-8797-of-the-vote-first-official-results-show"]),
            ["boris-yeltsin"] = ("President of Russia who signed the 1996, 1997 and 1999 union treaties with Belarus.", [Article, PostkomHistory, "https://deu.belta.by/society/view/belarus-und-russland-feiern-am-2-april-den-tag-der-einheit-der-volker-72513-2025", "https://zaki.ru/pagesnew.php?id=1078", UnionStateTreaty]),
            ["dmitry-medvedev"] = ("Prime Minister of Russia during the 2019 integration talks.", [Article, SochiRumas, SochiPrimeMinisters]),
            ["syarhei-rumas"] = ("Prime Minister of Belarus during the 2019 integration talks.", [Article, SochiRumas, SochiPrimeMinisters]),
            ["mikhail-mishustin"] = ("Prime Minister of Russia at the time of the November 2021 Supreme State Council, in which he took part.", [Decree6Osn, Decree6Devdiscourse]),
            ["raman-halouchanka"] = ("Prime Minister of Belarus at the time of the November 2021 Supreme State Council, in which he took part.", [Decree6Osn, Decree6Devdiscourse]),
            ["dmitry-kozak"] = ("Russian official who took part in the 2018–2020 integration talks with Minsk.", ["https://tass.com/politics/1035910", "https://belsat.eu/en/news/belarus-should-reshape-its-foreign-domestic-policy-lukashenka/", "http://en.special.kremlin.ru/catalog/keywords/82/events/62752"]),
            ["maxim-oreshkin"] = ("Russian official who took part in the December 2019 presidential talks in St Petersburg.", ["https://naviny.by/en/article/20191222/1576994570-lukasenka-putin-fail-resolve-key-differences-st-petersburg-talks"]),
            ["grigory-rapota"] = ("State Secretary of the Union State; said in March 2012 that nobody had been told to prepare single-currency documents.", ["http://www.kyivpost.com/content/business/official-no-practical-plan-exists-for-belarus-to-t-124137.html"]),
            ["dmitry-mezentsev"] = ("State Secretary of the Union State until April 2025, when Glazyev replaced him.", [GlazyevTass]),
            ["sergey-glazyev"] = ("State Secretary of the Union State since April 2025.", [GlazyevTass]),
            ["gennady-seleznyov"] = ("Appears in the March 2001 report that the union parliament election law had stalled after its first reading.", ["http://ifs.tuwien.ac.at/~andi/somlib/data/rian/ghsom_en_comb/files/de_en_3_2001-03-05_1481884.html"]),
            ["mikhail-kasyanov"] = ("Reaffirmed with Novitsky, around April 2003, that the rouble would become the common currency.", [RoublePravda, RoubleCentralBanking]),
            ["gennady-novitsky"] = ("Reaffirmed with Kasyanov, around April 2003, that the rouble would become the common currency.", [RoublePravda, RoubleCentralBanking]),
            ["alexey-polishchuk"] = ("Reported in January 2023 that 7 of the 28 union programmes had been completed.", ["https://tass.com/politics/1562051"]),
            ["nikolai-shulginov"] = ("Said in December 2023 that the common electricity market would not start on 1 January 2024 as planned.", ["https://tass.com/economy/1728047"]),
            ["volodymyr-zelensky"] = ("Leader of Ukraine at the December 2019 Normandy-format summit in Paris.", [NormandyRustavi, NormandyAnsa, NormandyRt]),
            ["emmanuel-macron"] = ("Leader of France at the December 2019 Normandy-format summit, held in Paris.", [Article, NormandyRustavi, NormandyAnsa, NormandyRt]),
            ["angela-merkel"] = ("Leader of Germany at the December 2019 Normandy-format summit in Paris.", [NormandyRustavi, NormandyAnsa, NormandyRt]),
            ["katsyaryna-shmatsina"] = ("Political analyst at the Belarusian Institute for Strategic Studies, quoted in the December 2019 Belsat article.", [Article]),
            ["alex-kokcharov"] = ("Analyst at IHS Markit in London, quoted in the December 2019 Belsat article.", [Article]),
            ["dmitry-bolkunets"] = ("Moscow-based political analyst, quoted in the December 2019 Belsat article.", [Article]),
            ["alyaksandr-papko"] = ("Author, for Belsat TV, of the December 2019 article this timeline starts from.", [Article]),

            // Union State bodies and national institutions
            ["union-state"] = ("The union set up by the 1999 treaty between Belarus and Russia.", [Article, UnionStateTreaty]),
            ["supreme-state-council"] = ("Union State council at which the two presidents meet; it adopted the union programmes by decree in 2021.", [Decree6Osn, Decree6Devdiscourse, "http://en.special.kremlin.ru/events/president/news/79225"]),
            ["council-of-ministers"] = ("Union State body, the subject of the Supreme State Council's resolution No. 12 of June 2000.", ["https://cis-legislation.com/document.fwx?rgn=5802", "https://jamestown.org/program/russia-belarus-union-political-will-not-matched-by-resources/"]),
            ["parliamentary-assembly"] = ("Assembly of members delegated by the two national parliaments, with drafting but not law-making powers.", ["http://www.postkomsg.com/en/higher_authorities/parliamentary_assembly.php"]),
            ["state-duma"] = ("Chamber of the Russian parliament that ratified the Union State treaty in December 1999.", [RatificationLiquisearch, RatificationGipras, SecurityTreatySoyuz]),
            ["federation-council"] = ("Chamber of the Russian parliament; Lukashenka addressed it in March 2025.", [SecurityTreatySoyuz, "https://www.pravda.com.ua/eng/news/2025/03/14/7502869/", "https://eng.belta.by/president/view/lukashenko-names-topic-of-his-speech-at-russias-parliament-166252-2025"]),
            ["national-assembly-of-belarus"] = ("Parliament of Belarus.", [RatificationLiquisearch, RatificationGipras]),
            ["russian-armed-forces"] = ("Military of the Russian Federation.", ["https://www.iswresearch.org/2022/02/ukraine-conflict-update-7.html", "https://www.themoscowtimes.com/2022/10/10/belarus-says-forming-joint-military-group-with-russia-a79041"]),
            ["donetsk-peoples-republic"] = ("Russian-backed separatist entity in Ukraine; Russia recognised it in February 2022.", [PrisonerSwapVoa, PrisonerSwapDw, MinskAgreementsOver]),
            ["luhansk-peoples-republic"] = ("Russian-backed separatist entity in Ukraine; Russia recognised it in February 2022.", [PrisonerSwapVoa, PrisonerSwapDw, MinskAgreementsOver]),

            // International organisations, research and media
            ["eaeu"] = ("Economic union that grew out of the 2010 customs union of Belarus, Kazakhstan and Russia.", [CustomsUnion2010]),
            ["vtsiom"] = ("Russian Public Opinion Research Center; published the April 2019 poll on union with Belarus.", ["https://wciom.com/index.php?id=61&uid=1649", Article]),
            ["ihs-markit"] = ("London-based company where Alex Kokcharov, quoted in the December 2019 Belsat article, is an analyst.", [Article]),
            ["belarusian-institute-for-strategic-studies"] = ("Institute where Katsyaryna Shmatsina, quoted in the December 2019 Belsat article, is a political analyst.", [Article]),
            ["belsat-tv"] = ("Publisher of the December 2019 article this timeline starts from.", [Article]),
            ["kommersant"] = ("Russian newspaper that reported the contents of the 2019 integration programme, citing its own sources.", [Article, "https://themoscowtimes.com/2024/11/01/russia-belarus-to-form-economic-confederacy-by-2022-kommersant", "https://belsat.eu/en/news/new-information-about-integration-with-russia/", "https://udf.by/english/main-story/199160-belarus-russia-integration-plan-details-leaked-what-is-in-there.html"]),
            ["rbc"] = ("Reported in March 2020 on Russia's proposal for 12 supranational bodies of the Union State.", ["https://regtrends.com/en/2020/03/18/russia-proposed-belarus-to-create-a-single-tax-customs-and-court/"]),
            ["washington-post"] = ("Publisher of a piece on the world ignoring the threat of Russia absorbing Belarus, linked from the December 2019 Belsat article.", [Article]),
        };

    private static readonly IReadOnlyList<DataFile> Files = DataSetReader.Read(TimelineApiFactory.DataFolder, KnownSlugs.None);

    [Fact]
    public void EveryActorDescription_IsTheOneItsSourcesStateInTheRegister()
    {
        var actors = Files.SelectMany(f => f.Content.Actors ?? []).ToList();
        var described = actors.Where(a => !string.IsNullOrWhiteSpace(a.Description)).ToDictionary(a => a.Slug, a => a.Description!, StringComparer.Ordinal);

        var problems = described
            .Where(a => !Register.TryGetValue(a.Key, out var entry) || entry.Description != a.Value)
            .Select(a => $"{a.Key}: \"{a.Value}\" is not the description its sources were registered for")
            .Concat(Register.Keys.Where(slug => !described.ContainsKey(slug)).Select(slug => $"{slug}: registered, but the data has no such described actor"))
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryRegisteredSource_IsCitedByTheDataSet()
    {
        // The data set cites only allowed sources, so a register entry is sourced as well as the data it sits beside.
        var cited = Files.SelectMany(f => f.Content.Events ?? []).SelectMany(e => e.Sources)
            .Concat(Files.SelectMany(f => f.Content.Commitments ?? []).SelectMany(c => c.Assessments).SelectMany(a => a.Sources))
            .Concat(Files.SelectMany(f => f.Content.Quotes ?? []).Select(q => q.Source))
            .Select(s => s.Url)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(Register, entry =>
        {
            Assert.NotEmpty(entry.Value.Sources);
            Assert.All(entry.Value.Sources, url => Assert.True(cited.Contains(url), $"{entry.Key}: {url} is not a source the data set cites"));
        });
    }

    [Fact]
    public async Task ActorDescriptionsOverHttp_AreTheRegisteredOnes()
    {
        using var client = factory.CreateClient();
        var problems = new List<string>();
        foreach (var (slug, (description, _)) in Register)
        {
            using var response = await client.GetAsync(new Uri($"/api/v1/actors/{slug}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var served = (await response.JsonAsync()).GetProperty("description").GetString();
            if (served != description)
                problems.Add($"{slug}: serves \"{served}\"");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
