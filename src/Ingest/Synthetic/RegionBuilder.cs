using System.Globalization;
using PlanLink.Ingest.Csv;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>Builds the fictional municipalities, 圏域 and offices. Office supply follows each area's
/// expected demand times the <see cref="ServiceProfiles"/> supply ratios, so gaps scale with any size.</summary>
internal static class RegionBuilder
{
    private const string FirstPrefectureCode = "47";
    private const int MunicipalitiesPerPrefecture = 37;
    private const int MaxPrefectures = 47;

    /// <summary>The hand-made first prefecture: a city, towns of 8k–60k, one town under 25,000 and one
    /// village under 2,000 so every disclosure rule has cells to act on.</summary>
    public static int FirstPrefectureSize => FirstPrefecture.Length;

    private static readonly (string Name, int Population, int Region, string Code5)[] FirstPrefecture =
    [
        ("みらい市", 352_400, 0, "47201"), ("あおば市", 58_700, 0, "47202"), ("ひがしの町", 23_800, 0, "47301"),
        ("きたやま市", 41_200, 1, "47203"), ("かわせ町", 16_500, 1, "47321"), ("もりの町", 8_300, 1, "47322"),
        ("みなと町", 31_600, 2, "47341"), ("そらの村", 1_650, 2, "47342"),
    ];

    private static readonly string[] FirstRegions = ["中央圏域", "北部圏域", "南部圏域"];

    public static RegionModel Build(GeneratorOptions options)
    {
        var rng = Prng.For(options.Seed, 0);
        var areas = new List<Area>();
        foreach (var (name, population, region, code5) in FirstPrefecture)
            AddArea(areas, rng, new Municipality(LocalGovernmentCode.WithCheckDigit(code5), name, Names.Prefecture, FirstRegions[region], population), region, FirstPrefectureCode);
        var regions = FirstRegions.Length;
        var prefectures = 1;

        var extra = options.Municipalities - FirstPrefecture.Length;
        var extraPrefectures = Math.Min(MaxPrefectures - 1, (extra + MunicipalitiesPerPrefecture - 1) / MunicipalitiesPerPrefecture);
        for (var p = 1; p <= extraPrefectures; p++)
        {
            var count = extra / extraPrefectures + (p <= extra % extraPrefectures ? 1 : 0);
            regions += AddPrefecture(areas, rng, p, count, regions);
            prefectures++;
        }

        var totalWeight = areas.Sum(a => a.Weight);
        var offices = new List<Office>();
        var sequence = new Dictionary<string, int>();
        foreach (var area in areas)
        {
            var expected = options.Persons * area.Weight / totalWeight;
            AddOffices(offices, sequence, rng, options, area, expected);
        }
        AddRegionalOffices(offices, sequence, rng, options, areas);
        return new RegionModel(areas, offices, prefectures, regions);
    }

    private static void AddArea(List<Area> areas, Prng rng, Municipality m, int region, string prefectureCode) =>
        // Persons per population vary a little between municipalities, as real 計画相談 rates do.
        areas.Add(new Area(areas.Count, m, Area.ClassOf(m.Population), region, m.Population * (0.8 + 0.4 * rng.NextDouble()), prefectureCode));

    /// <summary>Adds one generated prefecture and returns its number of 圏域.</summary>
    private static int AddPrefecture(List<Area> areas, Prng rng, int p, int count, int firstRegion)
    {
        var code = (47 - p).ToString("D2", CultureInfo.InvariantCulture);
        var prefecture = Names.ExtraPrefecture(p);
        var regionCount = Math.Max(2, count / 6);
        var regionNames = new string[regionCount];
        int cities = 0, towns = 0;
        for (var j = 0; j < count; j++)
        {
            // One core city, the rest log-normal around 20,000 people (from villages of 700 to cities of 450,000).
            var population = j == 0
                ? (int)(200_000 * Math.Exp(1.5 * rng.NextDouble()))
                : (int)Math.Clamp(20_000 * Math.Exp(1.2 * Normal(rng)), 700, 450_000);
            var isCity = population >= 50_000;
            var number = isCity ? 201 + cities++ : 301 + 2 * towns++;
            var suffix = isCity ? "市" : population < 5_000 ? "村" : "町";
            var name = Names.Municipality(p, j, suffix);
            var region = j % regionCount;
            regionNames[region] ??= name[..^1] + "圏域";
            var code5 = code + number.ToString("D3", CultureInfo.InvariantCulture);
            AddArea(areas, rng, new Municipality(LocalGovernmentCode.WithCheckDigit(code5), name, prefecture, regionNames[region], population), firstRegion + region, code);
        }
        return regionCount;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Prng rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static void AddOffices(List<Office> offices, Dictionary<string, int> sequence, Prng rng, GeneratorOptions options, Area area, double expected)
    {
        // Consultation: about one office per 70 persons; villages rely on their 圏域's offices.
        var consultation = rng.StochasticRound(expected / 70);
        if (area.Class != AreaClass.Village) consultation = Math.Max(1, consultation);
        for (var i = 0; i < consultation; i++)
        {
            var id = NextId(sequence, area.PrefectureCode);
            var opened = i > 0 && rng.Chance(0.08) ? rng.Day(options.ArrivalsFrom, options.HistoryEnd.AddDays(-120)) : rng.Day(new(2012, 4, 1), options.HistoryStart.AddDays(-1));
            var name = Names.Office(rng, ServiceType.PlanConsultation);
            offices.Add(new Office(id, name, area.Municipality.Code, ServiceType.PlanConsultation, rng.Range(30, 120), opened, null));
            if (i == 0 || rng.Chance(0.4))
                offices.Add(new Office(id, name, area.Municipality.Code, ServiceType.ChildConsultation, rng.Range(20, 80), opened, null));
        }
        foreach (var profile in ServiceProfiles.All)
        {
            var places = expected * profile.Share * profile.Supply[(int)area.Class] * (double)profile.PlacesPerUser;
            var count = rng.StochasticRound(places / (double)profile.OfficeCapacity);
            for (var i = 0; i < count; i++)
                offices.Add(ProviderOffice(sequence, rng, options, area, profile.Service, profile.OfficeCapacity));
        }
    }

    /// <summary>One 障害者就業・生活支援センター per 圏域, in its largest municipality.</summary>
    private static void AddRegionalOffices(List<Office> offices, Dictionary<string, int> sequence, Prng rng, GeneratorOptions options, List<Area> areas)
    {
        foreach (var largest in areas.GroupBy(a => a.Region).Select(g => g.MaxBy(a => a.Municipality.Population)!))
        {
            offices.Add(new Office(NextId(sequence, largest.PrefectureCode), Names.Office(rng, ServiceType.EmploymentLifeCenter),
                largest.Municipality.Code, ServiceType.EmploymentLifeCenter, rng.Range(60, 150), rng.Day(new(2008, 4, 1), options.HistoryStart.AddDays(-1)), null));
        }
    }

    private static Office ProviderOffice(Dictionary<string, int> sequence, Prng rng, GeneratorOptions options, Area area, ServiceType service, decimal typical)
    {
        var capacity = typical * (decimal)(0.6 + 0.8 * rng.NextDouble());
        capacity = typical >= 100 ? Math.Round(capacity / 10) * 10 : Math.Max(1, Math.Round(capacity));
        // A few offices open or close during the history, so supply changes under the plans.
        DateOnly? opened, closed = null;
        var roll = rng.NextDouble();
        if (roll < 0.07) opened = rng.Day(options.ArrivalsFrom, options.HistoryEnd.AddDays(-90));
        else
        {
            opened = roll < 0.17 ? null : rng.Day(new(2000, 4, 1), options.HistoryStart.AddDays(-1));
            if (rng.Chance(0.04)) closed = rng.Day(options.ArrivalsFrom.AddDays(60), options.HistoryEnd.AddDays(-30));
        }
        return new Office(NextId(sequence, area.PrefectureCode), Names.Office(rng, service), area.Municipality.Code, service, capacity, opened, closed);
    }

    /// <summary>事業所番号: prefecture code, 1 (障害福祉サービス), then a 7-digit serial within the prefecture.</summary>
    private static string NextId(Dictionary<string, int> sequence, string prefectureCode)
    {
        var n = sequence.GetValueOrDefault(prefectureCode) + 1;
        sequence[prefectureCode] = n;
        return string.Create(CultureInfo.InvariantCulture, $"{prefectureCode}1{n:D7}");
    }
}
