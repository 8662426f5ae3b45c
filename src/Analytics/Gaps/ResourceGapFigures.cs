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
        var officeMunicipality = snapshot.Index.Data.Offices.GroupBy(o => o.OfficeId).ToDictionary(g => g.Key, g => g.First().MunicipalityCode);

        foreach (var person in snapshot.Needs.GroupBy(n => n.Plan.PersonKey))
        {
            var home = person.First().Plan.MunicipalityCode;
            var states = person.SelectMany(n => n.Services).Where(s => IsDemand(s.Status)).ToList();
            foreach (var service in states.GroupBy(s => s.Service))
            {
                var name = ServiceCatalog.Get(service.Key).JapaneseName;
                t.AddMacro(home, Figures.Breakdowns.Service, name, DemandPersons, MeasureUnit.Persons);
                // One service may serve several needs, each row repeating its amount: count it once per person.
                t.AddMacro(home, Figures.Breakdowns.Service, name, DemandVolume, VolumeUnitOf(service.Key), service.Max(s => s.Amount ?? 0));
                // Use counts where the provider is: that is what fills its capacity.
                foreach (var provider in service.Where(s => s.Status == ServiceStatus.InUse && s.ProviderOfficeId is not null)
                             .GroupBy(s => officeMunicipality.GetValueOrDefault(s.ProviderOfficeId!)))
                {
                    if (provider.Key is null) continue;
                    t.AddMacro(provider.Key, Figures.Breakdowns.Service, name, InUsePersons, MeasureUnit.Persons);
                    t.AddMacro(provider.Key, Figures.Breakdowns.Service, name, InUseVolume, VolumeUnitOf(service.Key), provider.Max(s => s.Amount ?? 0));
                }
            }
        }
        foreach (var office in snapshot.Index.Data.Offices.Where(o => o.IsOpenOn(snapshot.Date) && o.Service != ServiceType.Informal))
            t.AddMacro(office.MunicipalityCode, Figures.Breakdowns.Service, ServiceCatalog.Get(office.Service).JapaneseName, Capacity, MeasureUnit.Capacity, office.Capacity);

        AddDerived(t, areas, services);
        return t.Build();
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
        foreach (var person in snapshot.Needs.GroupBy(n => n.Plan.PersonKey))
        {
            var home = person.First().Plan.MunicipalityCode;
            var destinations = person.SelectMany(n => n.Services)
                .Where(s => s.Status == ServiceStatus.InUse && s.ProviderOfficeId is not null)
                .Select(s => officeMunicipality.GetValueOrDefault(s.ProviderOfficeId!))
                .OfType<string>().Where(m => m != home).Distinct();
            foreach (var destination in destinations)
                t.Add(AreaLevel.Municipality, home, "provider_municipality", areas.Municipality(destination)?.Name ?? destination, FlowPersons, 1, MeasureUnit.Persons);
        }
        return t.Build();
    }
}
