using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Targets;

/// <summary>A service in a macro area (municipality, 圏域, prefecture).</summary>
public readonly record struct AreaService(AreaLevel Level, string AreaCode, ServiceType Service);

/// <summary>Persons and their planned amount (per month) of one service in one area at one date.</summary>
public readonly record struct PersonsAndVolume(double Persons, double Volume);

/// <summary>The quarterly use of one service in one area: persons in use (利用中) at each quarter end,
/// counted where they live, and their planned amount as volume (per month).</summary>
public sealed record ServiceUsage(AreaLevel Level, string AreaCode, ServiceType Service,
    IReadOnlyList<FiscalQuarter> Quarters, IReadOnlyList<double> Persons, IReadOnlyList<double> Volume);

/// <summary>The quarterly series the 見込量 forecasts start from, filled one quarter at a time from the
/// snapshot at each quarter end (the report computes each snapshot once, for all its figures).</summary>
public sealed class ServiceUsageSeries(IReadOnlyList<FiscalQuarter> quarters)
{
    private readonly Dictionary<AreaService, (double[] Persons, double[] Volume)> _series = [];

    public IReadOnlyList<FiscalQuarter> Quarters => quarters;

    /// <summary>Adds the use at one quarter's end (<see cref="InUse"/> of its snapshot).</summary>
    public void Add(FiscalQuarter quarter, IReadOnlyDictionary<AreaService, PersonsAndVolume> inUse)
    {
        var qi = IndexOf(quarter);
        foreach (var (key, use) in inUse)
        {
            if (!_series.TryGetValue(key, out var series))
                _series[key] = series = (new double[quarters.Count], new double[quarters.Count]);
            series.Persons[qi] = use.Persons;
            series.Volume[qi] = use.Volume;
        }
    }

    private int IndexOf(FiscalQuarter quarter)
    {
        for (var i = 0; i < quarters.Count; i++) if (quarters[i] == quarter) return i;
        throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "not a quarter of the series");
    }

    /// <summary>One series per area × service with any use in the quarters, by level, area code and service.</summary>
    public IReadOnlyList<ServiceUsage> Series() =>
        _series.OrderBy(p => p.Key.Level).ThenBy(p => p.Key.AreaCode, StringComparer.Ordinal).ThenBy(p => p.Key.Service)
            .Select(p => new ServiceUsage(p.Key.Level, p.Key.AreaCode, p.Key.Service, quarters, p.Value.Persons, p.Value.Volume))
            .ToList();

    /// <summary>Persons in use (利用中) and their planned volume per macro area × service at the snapshot.
    /// A person counts once per service even when several needs name it; their volume is the largest
    /// amount planned for it (plans repeat the same amount on each need it serves, so a sum would double it).</summary>
    public static IReadOnlyDictionary<AreaService, PersonsAndVolume> InUse(PlanSnapshot snapshot) =>
        ByArea(snapshot, static s => s == ServiceStatus.InUse);

    /// <summary>Persons waiting or lacking a resource and their planned volume per macro area × service at the
    /// snapshot: the unmet demand 見込量 adds (domain.md §5b).</summary>
    public static IReadOnlyDictionary<AreaService, PersonsAndVolume> Unmet(PlanSnapshot snapshot) =>
        ByArea(snapshot, static s => s is ServiceStatus.Waiting or ServiceStatus.NoResource);

    /// <summary>Counts each person × service with a wanted status in every macro area of the person's home.
    /// A snapshot holds one current plan per person, with its needs in a range: persons are visited in plan
    /// order, services in ascending order, so the volume sums (doubles) always add in the same order.
    /// Sums live in arrays by area index × service while counting (no lookup per person).</summary>
    private static Dictionary<AreaService, PersonsAndVolume> ByArea(PlanSnapshot snapshot, Func<ServiceStatus, bool> wanted)
    {
        var areas = snapshot.Index.Areas;
        var serviceCount = Enum.GetValues<ServiceType>().Length;
        var (persons, volume) = (new int[areas.Count * serviceCount], new double[areas.Count * serviceCount]);
        // Per service type: the largest amount the person's plan has for it, stamped with the plan + 1.
        var (stamp, largest) = (new int[serviceCount], new decimal[serviceCount]);
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var municipality = snapshot.MunicipalityOf(plan);
            if (municipality < 0) continue; // counted in no macro area
            var (start, end) = snapshot.NeedsOf(plan);
            var any = false;
            for (var n = start; n < end; n++)
                foreach (var s in snapshot.StatesOf(n))
                {
                    if (!wanted(s.Status) || s.Service == ServiceType.Informal) continue;
                    var (service, amount) = ((int)s.Service, s.Amount ?? 0);
                    if (stamp[service] != plan + 1) (stamp[service], largest[service]) = (plan + 1, amount);
                    else largest[service] = Math.Max(largest[service], amount);
                    any = true;
                }
            if (!any) continue;
            var homeAreas = areas.MacroIndexesOf(municipality);
            for (var service = 0; service < serviceCount; service++)
            {
                if (stamp[service] != plan + 1) continue;
                foreach (var area in homeAreas)
                {
                    persons[area * serviceCount + service]++;
                    volume[area * serviceCount + service] += (double)largest[service];
                }
            }
        }
        var result = new Dictionary<AreaService, PersonsAndVolume>();
        for (var area = 0; area < areas.Count; area++)
            for (var service = 0; service < serviceCount; service++)
                if (persons[area * serviceCount + service] > 0)
                    result[new AreaService(areas[area].Level, areas[area].Code, (ServiceType)service)] =
                        new PersonsAndVolume(persons[area * serviceCount + service], volume[area * serviceCount + service]);
        return result;
    }
}
