using System.Runtime.InteropServices;
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
        var index = snapshot.Index;
        const string b = Figures.Breakdowns.Service;
        // Columns by service type value.
        var columns = Enum.GetValues<ServiceType>().Select(service =>
        {
            var name = ServiceCatalog.Get(service).JapaneseName;
            return (DemandPersons: t.Column(b, name, DemandPersons, MeasureUnit.Persons), DemandVolume: t.Column(b, name, DemandVolume, VolumeUnitOf(service)),
                InUsePersons: t.Column(b, name, InUsePersons, MeasureUnit.Persons), InUseVolume: t.Column(b, name, InUseVolume, VolumeUnitOf(service)));
        }).ToArray();

        // A person's demand: each service state with, for one in use at a known office, the area index of the office's municipality.
        var states = new List<Demand>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var home = snapshot.MunicipalityOf(plan);
            states.Clear();
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                var needStates = snapshot.StatesOf(n);
                var offices = snapshot.OfficesOf(n);
                for (var i = 0; i < needStates.Length; i++)
                    if (IsDemand(needStates[i].Status))
                        states.Add(new Demand(needStates[i].Service, needStates[i].Amount ?? 0,
                            needStates[i].Status == ServiceStatus.InUse && offices[i] >= 0 ? index.Office(offices[i]).Municipality : NoOffice));
            }
            var demand = CollectionsMarshal.AsSpan(states);
            for (var i = 0; i < demand.Length; i++)
            {
                var service = demand[i].Service;
                var c = columns[(int)service];
                // One service may serve several needs, each row repeating its amount: a person counts once per service,
                // with the largest amount, at the first row of the service.
                if (home >= 0 && !Before(demand, i, service, null))
                {
                    t.AddMacro(home, c.DemandPersons);
                    t.AddMacro(home, c.DemandVolume, LargestAmount(demand, i, null));
                }
                // Use counts where the provider is, once per service and provider municipality: that is what fills its capacity.
                var provider = demand[i].Provider;
                if (provider >= 0 && !Before(demand, i, service, provider))
                {
                    t.AddMacro(provider, c.InUsePersons);
                    t.AddMacro(provider, c.InUseVolume, LargestAmount(demand, i, provider));
                }
            }
        }
        // The capacity column of each service, found once rather than by its names for every office.
        var capacityColumns = new int?[columns.Length];
        foreach (var office in snapshot.Index.OfficeLines)
            if (office.IsOpenOn(snapshot.Date) && office.Service != ServiceType.Informal
                && areas.IndexOf(AreaLevel.Municipality, office.MunicipalityCode) is var m and >= 0)
                t.AddMacro(m, capacityColumns[(int)office.Service] ??= t.Column(b, ServiceCatalog.Get(office.Service).JapaneseName, Capacity, MeasureUnit.Capacity),
                    office.Capacity);

        AddDerived(t, areas, services);
        return t.Build();
    }

    /// <summary>A demand state of a person: its service, amount (none = 0) and provider municipality (or <see cref="NoOffice"/>).</summary>
    private readonly record struct Demand(ServiceType Service, decimal Amount, int Provider);

    /// <summary>Whether a state before <paramref name="i"/> has the service (and the provider municipality, when given).</summary>
    private static bool Before(ReadOnlySpan<Demand> states, int i, ServiceType service, int? provider)
    {
        for (var j = 0; j < i; j++)
            if (states[j].Service == service && (provider is null || states[j].Provider == provider)) return true;
        return false;
    }

    /// <summary>The provider of a service state that is not in use at an office offices.csv knows.</summary>
    private const int NoOffice = int.MinValue;

    /// <summary>The largest amount of the states of the service of state <paramref name="first"/> (at a provider
    /// municipality, when given), from that state on, the first of equal ones (as LINQ's Max: 2.0 and 2.00 print differently).</summary>
    private static decimal LargestAmount(ReadOnlySpan<Demand> states, int first, int? provider)
    {
        var largest = states[first].Amount;
        for (var i = first + 1; i < states.Length; i++)
            if (states[i].Service == states[first].Service && (provider is null || states[i].Provider == provider) && states[i].Amount > largest)
                largest = states[i].Amount;
        return largest;
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
        var levels = areas.AggregateLevels;
        // Up to six derived cells per service and area: room for them at once rather than by doubling.
        t.ExpectDerived(6 * services.Count * areas.Count);
        foreach (var service in services)
        {
            var name = service.JapaneseName;
            var hours = CapacityInHours(service.Type);
            var (used, demand) = hours ? (InUseVolume, DemandVolume) : (InUsePersons, DemandPersons);
            var unit = hours ? MeasureUnit.HoursPerMonth : MeasureUnit.Persons;
            var capacityColumn = t.Column(b, name, Capacity, MeasureUnit.Capacity);
            var demandColumn = t.Column(b, name, demand, hours ? VolumeUnitOf(service.Type) : MeasureUnit.Persons);
            var usedColumn = t.Column(b, name, used, hours ? VolumeUnitOf(service.Type) : MeasureUnit.Persons);
            var gap = t.Column(b, name, Gap, unit);
            var ratio = t.Column(b, name, DemandCapacityRatio, MeasureUnit.Ratio);
            var occupancy = t.Column(b, name, Occupancy, MeasureUnit.Percent);
            var supply = t.Column(b, name, SupplyPer10000, MeasureUnit.PerTenThousand);
            var toRegion = t.Column(b, name, RatioToRegion, MeasureUnit.Ratio);
            var toPrefecture = t.Column(b, name, RatioToPrefecture, MeasureUnit.Ratio);
            (AreaLevel Level, int Column)[] ratioColumns = [(AreaLevel.Region, toRegion), (AreaLevel.Prefecture, toPrefecture)];
            for (var a = 0; a < areas.Count; a++)
            {
                var area = areas[a];
                if (!levels.Contains(area.Level)) continue;
                var capacity = t.Get(a, capacityColumn);
                var demandValue = t.Get(a, demandColumn);
                t.AddDerived(a, gap, demandValue - capacity, (demand, Capacity));
                if (capacity > 0)
                {
                    t.AddDerived(a, ratio, Math.Round(demandValue / capacity, 2), (demand, Capacity));
                    t.AddDerived(a, occupancy, Math.Round(t.Get(a, usedColumn) / capacity * 100, 1), (used, Capacity));
                }
                if (area.Population <= 0) continue;
                var per10000 = capacity / area.Population * 10_000m;
                t.AddDerived(a, supply, Math.Round(per10000, 2), null);
                foreach (var (parentLevel, column) in ratioColumns)
                {
                    if (area.Level >= parentLevel || area.Level == AreaLevel.SupportCenter || Ancestor(areas, a, parentLevel) is not (>= 0 and var p)
                        || areas[p].Population <= 0) continue;
                    var parentPer10000 = t.Get(p, capacityColumn) / areas[p].Population * 10_000m;
                    if (parentPer10000 > 0) t.AddDerived(a, column, Math.Round(per10000 / parentPer10000, 2), null);
                }
            }
        }
    }

    /// <summary>The index of the area's ancestor at a level, or −1.</summary>
    private static int Ancestor(AreaHierarchy areas, int area, AreaLevel level)
    {
        var current = area;
        while (current >= 0 && areas[current].Level < level) current = areas.ParentOf(current);
        return current >= 0 && areas[current].Level == level ? current : -1;
    }

    /// <summary>Persons using a service at a provider in another municipality: home → provider municipality.</summary>
    public static ResultTable CrossBoundaryFlows(PlanSnapshot snapshot, FiscalQuarter period)
    {
        var areas = snapshot.Index.Areas;
        var t = new TableBuilder("resource_gap_cross_boundary_flows", "市町村を越えた利用（住所地→事業所所在地）", areas, period);
        var index = snapshot.Index;
        var destinations = new List<string>();
        // The column of each destination municipality code: its name, or the code when it is not in the hierarchy.
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var (homeArea, home) = (snapshot.MunicipalityOf(plan), (string?)null);
            destinations.Clear();
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                var states = snapshot.StatesOf(n);
                var offices = snapshot.OfficesOf(n);
                for (var i = 0; i < states.Length; i++)
                {
                    if (states[i].Status != ServiceStatus.InUse || offices[i] < 0) continue;
                    var office = index.Office(offices[i]);
                    // Codes in the hierarchy compare by area index; the plan's own code is read only otherwise.
                    var sameHome = homeArea >= 0 && office.Municipality >= 0 ? office.Municipality == homeArea
                        : office.MunicipalityCode == (home ??= snapshot.Plans[plan].MunicipalityCode);
                    if (!sameHome && !destinations.Contains(office.MunicipalityCode)) destinations.Add(office.MunicipalityCode);
                }
            }
            if (destinations.Count == 0) continue;
            var area = homeArea >= 0 ? homeArea : t.Area(AreaLevel.Municipality, snapshot.Plans[plan].MunicipalityCode);
            foreach (var destination in destinations)
            {
                ref var column = ref CollectionsMarshal.GetValueRefOrAddDefault(columns, destination, out var known);
                if (!known)
                    column = t.Column("provider_municipality", areas.Municipality(destination)?.Name ?? destination, FlowPersons, MeasureUnit.Persons);
                t.Add(area, column);
            }
        }
        return t.Build();
    }
}
