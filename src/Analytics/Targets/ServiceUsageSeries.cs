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
    /// order, services in ascending order, so the volume sums (doubles) always add in the same order.</summary>
    private static Dictionary<AreaService, PersonsAndVolume> ByArea(PlanSnapshot snapshot, Func<ServiceStatus, bool> wanted)
    {
        var areas = snapshot.Index.Areas;
        var result = new Dictionary<AreaService, PersonsAndVolume>();
        var services = new List<(ServiceType Service, decimal Amount)>();
        var needs = snapshot.Needs;
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var (start, end) = snapshot.NeedsOf(plan);
            services.Clear();
            for (var n = start; n < end; n++)
            foreach (var s in needs[n].Services)
                if (wanted(s.Status) && s.Service != ServiceType.Informal) services.Add((s.Service, s.Amount ?? 0));
            if (services.Count == 0) continue;
            services.Sort(static (a, b) => a.Service.CompareTo(b.Service));
            var homeAreas = areas.MacroAreasOf(snapshot.Plans[plan].MunicipalityCode);
            for (var i = 0; i < services.Count; i++)
            {
                var (service, amount) = services[i];
                for (; i + 1 < services.Count && services[i + 1].Service == service; i++) amount = Math.Max(amount, services[i + 1].Amount);
                foreach (var area in homeAreas)
                {
                    var key = new AreaService(area.Level, area.Code, service);
                    var (before, volume) = result.GetValueOrDefault(key);
                    result[key] = new PersonsAndVolume(before + 1, volume + (double)amount);
                }
            }
        }
        return result;
    }
}
