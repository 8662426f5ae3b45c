using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Synthetic;

/// <summary>The generated reference data (municipalities, 圏域, offices) with the look-ups that
/// person generation needs: where a person lives and which offices they can reach.</summary>
internal sealed class RegionModel
{
    private readonly double[] _cumulativeWeight;
    private readonly Dictionary<(int Area, ServiceType Service), List<Office>> _byArea = [];
    private readonly Dictionary<(int Region, ServiceType Service), List<Office>> _byRegion = [];

    public RegionModel(IReadOnlyList<Area> areas, IReadOnlyList<Office> offices, int prefectures, int regions)
    {
        Areas = areas;
        Offices = offices;
        Prefectures = prefectures;
        Regions = regions;
        _cumulativeWeight = new double[areas.Count];
        var sum = 0.0;
        for (var i = 0; i < areas.Count; i++) _cumulativeWeight[i] = sum += areas[i].Weight;
        var areaOf = areas.ToDictionary(a => a.Municipality.Code);
        foreach (var office in offices)
        {
            var area = areaOf[office.MunicipalityCode];
            Add(_byArea, (area.Index, office.Service), office);
            Add(_byRegion, (area.Region, office.Service), office);
        }
    }

    public IReadOnlyList<Area> Areas { get; }
    public IReadOnlyList<Office> Offices { get; }
    public int Prefectures { get; }
    public int Regions { get; }

    /// <summary>A municipality drawn in proportion to its expected number of persons.</summary>
    public Area PickArea(Prng rng)
    {
        var x = rng.NextDouble() * _cumulativeWeight[^1];
        var i = Array.BinarySearch(_cumulativeWeight, x);
        return Areas[Math.Min(i < 0 ? ~i : i + 1, Areas.Count - 1)];
    }

    /// <summary>The offices of a service a resident can use: those in the municipality, else, for
    /// services used across the 圏域, those in the region.</summary>
    public IReadOnlyList<Office> Reach(Area area, ServiceType service, bool regionWide) =>
        _byArea.TryGetValue((area.Index, service), out var local) ? local
        : regionWide && _byRegion.TryGetValue((area.Region, service), out var regional) ? regional
        : [];

    private static void Add<TKey>(Dictionary<TKey, List<Office>> map, TKey key, Office office) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(office);
    }
}
