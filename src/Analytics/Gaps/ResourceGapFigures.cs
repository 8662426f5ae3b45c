using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Gaps;

/// <summary>社会資源の過不足 per service type × area: planned demand (where the person lives) against the
/// supply of offices open at the date (where the office is), and the flows across municipal boundaries.</summary>
public static class ResourceGapFigures
{
    public const string DemandPersons = "demand_persons";
    public const string DemandVolume = "demand_volume";
    public const string Capacity = "capacity";
    public const string InUsePersons = "in_use_persons";
    public const string InUseVolume = "in_use_volume";
    public const string Occupancy = "occupancy";
    public const string Gap = "gap";
    /// <summary>Planned demand ÷ capacity: above 1 means more demand than places (the heat map of the report).</summary>
    public const string DemandCapacityRatio = "demand_capacity_ratio";
    public const string SupplyPer10000 = "supply_per_10000";
    public const string RatioToRegion = "supply_ratio_to_region";
    public const string RatioToPrefecture = "supply_ratio_to_prefecture";
    public const string FlowPersons = "persons";

    /// <summary>Statuses that count as planned demand: wanted, whether met or not (not declined, not informal).</summary>
    public static bool IsDemand(ServiceStatus s) => s is ServiceStatus.InUse or ServiceStatus.Arranging or ServiceStatus.Waiting or ServiceStatus.NoResource;

    /// <summary>Whether a service's capacity is in hours per month (visiting services) rather than places (定員).</summary>
    public static bool CapacityInHours(ServiceType s) => ServiceCatalog.Get(s).Unit == VolumeUnit.HoursPerMonth;

    public static IReadOnlyList<ResultTable> Compute(PlanSnapshot snapshot, FiscalQuarter period) =>
        [ByService(snapshot, period), CrossBoundaryFlows(snapshot, period)];

    public static ResultTable ByService(PlanSnapshot snapshot, FiscalQuarter period)
    {
        var areas = snapshot.Index.Areas;
        var t = new TableBuilder("resource_gap_by_service", "サービス種類別の需要と供給", areas, period);
        var services = ServiceCatalog.All.Where(s => s.Type != ServiceType.Informal).ToList();
        t.EnsureMacro(Figures.Breakdowns.Service, services.Select(s => s.JapaneseName),
            (DemandPersons, MeasureUnit.Persons), (Capacity, MeasureUnit.Capacity), (InUsePersons, MeasureUnit.Persons));
        var officeMunicipality = OfficeMunicipalities(snapshot.Index);
        var columns = new Dictionary<ServiceType, (int DemandPersons, int DemandVolume, int InUsePersons, int InUseVolume)>();
        (int DemandPersons, int DemandVolume, int InUsePersons, int InUseVolume) ColumnsOf(ServiceType service)
        {
            if (columns.TryGetValue(service, out var c)) return c;
            var name = ServiceCatalog.Get(service).JapaneseName;
            const string b = Figures.Breakdowns.Service;
            return columns[service] = (t.Column(b, name, DemandPersons, MeasureUnit.Persons), t.Column(b, name, DemandVolume, VolumeUnitOf(service)),
                t.Column(b, name, InUsePersons, MeasureUnit.Persons), t.Column(b, name, InUseVolume, VolumeUnitOf(service)));
        }
        int ProviderMunicipality(ServiceState s) =>
            s.Status == ServiceStatus.InUse && s.ProviderOfficeId is { } office ? officeMunicipality.GetValueOrDefault(office, NoOffice) : NoOffice;

        var states = new List<ServiceState>();
        var providers = new List<int>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var home = snapshot.MunicipalityOf(plan);
            states.Clear();
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
                foreach (var s in snapshot.Needs[n].Services)
                    if (IsDemand(s.Status)) states.Add(s);
            for (var i = 0; i < states.Count; i++)
            {
                var service = states[i].Service;
                if (states.FindIndex(0, i, s => s.Service == service) >= 0) continue; // counted at its first row
                var c = ColumnsOf(service);
                if (home >= 0)
                {
                    t.AddMacro(home, c.DemandPersons);
                    // One service may serve several needs, each row repeating its amount: count it once per person.
                    t.AddMacro(home, c.DemandVolume, LargestAmount(states, s => s.Service == service));
                }
                // Use counts where the provider is: that is what fills its capacity.
                providers.Clear();
                foreach (var s in states)
                {
                    var provider = ProviderMunicipality(s);
                    if (s.Service != service || provider == NoOffice || providers.Contains(provider)) continue;
                    providers.Add(provider);
                    if (provider < 0) continue;
                    t.AddMacro(provider, c.InUsePersons);
                    t.AddMacro(provider, c.InUseVolume, LargestAmount(states, x => x.Service == service && ProviderMunicipality(x) == provider));
                }
            }
        }
        foreach (var office in snapshot.Index.Data.Offices.Where(o => o.IsOpenOn(snapshot.Date) && o.Service != ServiceType.Informal))
            t.AddMacro(office.MunicipalityCode, Figures.Breakdowns.Service, ServiceCatalog.Get(office.Service).JapaneseName, Capacity, MeasureUnit.Capacity, office.Capacity);

        AddDerived(t, areas, services);
        return t.Build();
    }

    /// <summary>In <see cref="OfficeMunicipalities"/>: an office the data does not know (or no office).</summary>
    private const int NoOffice = int.MinValue;

    /// <summary>Per office id, the area index of its municipality (−1 when outside the hierarchy); the first row of an office counts.</summary>
    private static Dictionary<string, int> OfficeMunicipalities(DatasetIndex index)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var o in index.Data.Offices) result.TryAdd(o.OfficeId, index.Areas.IndexOf(AreaLevel.Municipality, o.MunicipalityCode));
        return result;
    }

    /// <summary>The largest amount (none = 0) of the states that match, the first of equal ones, as LINQ's Max.</summary>
    private static decimal LargestAmount(List<ServiceState> states, Func<ServiceState, bool> match)
    {
        decimal? largest = null;
        foreach (var s in states)
            if (match(s) && (largest is not { } l || (s.Amount ?? 0) > l)) largest = s.Amount ?? 0;
        return largest ?? 0;
    }

    private static MeasureUnit VolumeUnitOf(ServiceType s) => ServiceCatalog.Get(s).Unit switch
    {
        VolumeUnit.HoursPerMonth => MeasureUnit.HoursPerMonth,
        VolumeUnit.PersonDaysPerMonth => MeasureUnit.PersonDaysPerMonth,
        _ => MeasureUnit.Persons,
    };

    /// <summary>Occupancy, the gap, supply per 10,000 population and its ratio to the 圏域 and prefecture.</summary>
    private static void AddDerived(TableBuilder t, AreaHierarchy areas, IReadOnlyList<ServiceInfo> services)
    {
        const string b = Figures.Breakdowns.Service;
        foreach (var service in services)
        {
            var hours = CapacityInHours(service.Type);
            var used = hours ? InUseVolume : InUsePersons;
            var demand = hours ? DemandVolume : DemandPersons;
            foreach (var level in areas.AggregateLevels)
            foreach (var area in areas.At(level))
            {
                var capacity = t.Get(level, area.Code, b, service.JapaneseName, Capacity);
                var demandValue = t.Get(level, area.Code, b, service.JapaneseName, demand);
                var unit = hours ? MeasureUnit.HoursPerMonth : MeasureUnit.Persons;
                t.AddDerived(level, area.Code, b, service.JapaneseName, Gap, unit, demandValue - capacity, (demand, Capacity));
                if (capacity > 0)
                {
                    t.AddDerived(level, area.Code, b, service.JapaneseName, DemandCapacityRatio, MeasureUnit.Ratio,
                        Math.Round(demandValue / capacity, 2), (demand, Capacity));
                    t.AddDerived(level, area.Code, b, service.JapaneseName, Occupancy, MeasureUnit.Percent,
                        Math.Round(t.Get(level, area.Code, b, service.JapaneseName, used) / capacity * 100, 1), (used, Capacity));
                }
                if (area.Population <= 0) continue;
                var per10000 = capacity / area.Population * 10_000m;
                t.AddDerived(level, area.Code, b, service.JapaneseName, SupplyPer10000, MeasureUnit.PerTenThousand, Math.Round(per10000, 2), null);
                foreach (var (parentLevel, measure) in new[] { (AreaLevel.Region, RatioToRegion), (AreaLevel.Prefecture, RatioToPrefecture) })
                {
                    if (level >= parentLevel || level == AreaLevel.SupportCenter || Ancestor(areas, area, parentLevel) is not { Population: > 0 } parent) continue;
                    var parentPer10000 = t.Get(parentLevel, parent.Code, b, service.JapaneseName, Capacity) / parent.Population * 10_000m;
                    if (parentPer10000 > 0)
                        t.AddDerived(level, area.Code, b, service.JapaneseName, measure, MeasureUnit.Ratio, Math.Round(per10000 / parentPer10000, 2), null);
                }
            }
        }
    }

    private static Area? Ancestor(AreaHierarchy areas, Area area, AreaLevel level)
    {
        var current = area;
        while (current is not null && current.Level < level)
            current = current.ParentCode is { } p ? areas.Find(current.Level + 1, p) : null;
        return current?.Level == level ? current : null;
    }

    /// <summary>Persons using a service at a provider in another municipality: home → provider municipality.</summary>
    public static ResultTable CrossBoundaryFlows(PlanSnapshot snapshot, FiscalQuarter period)
    {
        var areas = snapshot.Index.Areas;
        var t = new TableBuilder("resource_gap_cross_boundary_flows", "市町村を越えた利用（住所地→事業所所在地）", areas, period);
        var officeMunicipality = snapshot.Index.Data.Offices.GroupBy(o => o.OfficeId).ToDictionary(g => g.Key, g => g.First().MunicipalityCode);
        var destinations = new List<string>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var home = snapshot.Plans[plan].MunicipalityCode;
            destinations.Clear();
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
                foreach (var s in snapshot.Needs[n].Services)
                    if (s.Status == ServiceStatus.InUse && s.ProviderOfficeId is { } office && officeMunicipality.GetValueOrDefault(office) is { } m
                        && m != home && !destinations.Contains(m)) destinations.Add(m);
            foreach (var destination in destinations)
                t.Add(AreaLevel.Municipality, home, "provider_municipality", areas.Municipality(destination)?.Name ?? destination, FlowPersons, 1, MeasureUnit.Persons);
        }
        return t.Build();
    }
}
