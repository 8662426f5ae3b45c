using System.Runtime.InteropServices;
using PlanLink.Analytics.Areas;
using PlanLink.Analytics.Linkage;
using PlanLink.Analytics.Periods;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Tables;
using PlanLink.Ingest.Model;
using static PlanLink.Analytics.Figures.Measures;
using static PlanLink.Analytics.Figures.Breakdowns;

namespace PlanLink.Analytics.Figures;

/// <summary>連動: the share of service use plan needs that an individual support plan goal links to.</summary>
public static class LinkageFigures
{
    public static IReadOnlyList<ResultTable> Compute(PlanSnapshot snapshot, FiscalQuarter period)
    {
        var links = SnapshotLinkage.Of(snapshot);
        return [Summary(snapshot, links, period), ByService(snapshot, links, period), ByProvider(snapshot, links, period)];
    }

    /// <summary>Needs linked, per area, and the goals that serve no need.</summary>
    public static ResultTable Summary(PlanSnapshot snapshot, SnapshotLinkage links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_summary", "サービス等利用計画と個別支援計画の連動", snapshot.Index.Areas, period);
        t.EnsureMacro(Total, [Cell.Total], (Needs, MeasureUnit.Needs), (NeedsLinked, MeasureUnit.Needs),
            (NeedsInUseUnlinked, MeasureUnit.Needs), (Goals, MeasureUnit.Goals), (GoalsUnlinked, MeasureUnit.Goals));
        var needs = t.Column(Total, Cell.Total, Needs, MeasureUnit.Needs);
        var needsLinked = t.Column(Total, Cell.Total, NeedsLinked, MeasureUnit.Needs);
        var needsInUseUnlinked = t.Column(Total, Cell.Total, NeedsInUseUnlinked, MeasureUnit.Needs);
        var goals = t.Column(Total, Cell.Total, Goals, MeasureUnit.Goals);
        var goalsUnlinked = t.Column(Total, Cell.Total, GoalsUnlinked, MeasureUnit.Goals);
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var municipality = snapshot.MunicipalityOf(plan);
            if (municipality < 0) continue;
            var (start, end) = snapshot.NeedsOf(plan);
            var (linked, inUseUnlinked) = (0, 0);
            for (var n = start; n < end; n++)
            {
                if (links.IsLinked(n)) linked++;
                else if (AnyInUse(snapshot.StatesOf(n))) inUseUnlinked++;
            }
            // Each count is added only when there is something to count, as one addition per need would.
            if (end > start) t.AddMacro(municipality, needs, end - start);
            if (linked > 0) t.AddMacro(municipality, needsLinked, linked);
            if (inUseUnlinked > 0) t.AddMacro(municipality, needsInUseUnlinked, inUseUnlinked);
            // Goals of the current individual support plans; those that serve no need of the person's current plan.
            var (planGoals, unlinked) = links.GoalsOf(plan);
            if (planGoals > 0) t.AddMacro(municipality, goals, planGoals);
            if (unlinked > 0) t.AddMacro(municipality, goalsUnlinked, unlinked);
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }

    private static bool AnyInUse(ReadOnlySpan<ServiceState> states)
    {
        foreach (var s in states)
            if (s.Status == ServiceStatus.InUse) return true;
        return false;
    }

    /// <summary>Per service type: needs with that service in use, and how many of them a goal of an
    /// individual support plan for that same service links to.</summary>
    public static ResultTable ByService(PlanSnapshot snapshot, SnapshotLinkage links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_by_service", "サービス種類別の連動", snapshot.Index.Areas, period);
        var services = ServiceCatalog.All.Where(s => s.Type != ServiceType.Informal).Select(s => s.JapaneseName);
        t.EnsureMacro(Service, services, (Needs, MeasureUnit.Needs), (NeedsLinked, MeasureUnit.Needs));
        // Columns by service type value.
        var needs = Enum.GetValues<ServiceType>().Select(s => t.Column(Service, ServiceCatalog.Get(s).JapaneseName, Needs, MeasureUnit.Needs)).ToArray();
        var needsLinked = Enum.GetValues<ServiceType>().Select(s => t.Column(Service, ServiceCatalog.Get(s).JapaneseName, NeedsLinked, MeasureUnit.Needs)).ToArray();
        var index = snapshot.Index;
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var municipality = snapshot.MunicipalityOf(plan);
            if (municipality < 0) continue;
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                var states = snapshot.StatesOf(n);
                var linkedPlans = links.LinkedPlans(n);
                for (var i = 0; i < states.Length; i++)
                {
                    var service = states[i].Service;
                    if (states[i].Status != ServiceStatus.InUse || service == ServiceType.Informal || InUseBefore(states, i)) continue;
                    t.AddMacro(municipality, needs[(int)service]);
                    foreach (var p in linkedPlans)
                        if (index.SupportPlanService(p) == service)
                        {
                            t.AddMacro(municipality, needsLinked[(int)service]);
                            break;
                        }
                }
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }

    /// <summary>Whether a state before <paramref name="i"/> is of the same service and in use (a need counts once per service).</summary>
    private static bool InUseBefore(ReadOnlySpan<ServiceState> states, int i)
    {
        for (var j = 0; j < i; j++)
            if (states[j].Service == states[i].Service && states[j].Status == ServiceStatus.InUse) return true;
        return false;
    }

    /// <summary>Per provider office: the needs it serves with a service in use, and how many of them its
    /// own individual support plans link to (meso level, office-keyed).</summary>
    public static ResultTable ByProvider(PlanSnapshot snapshot, SnapshotLinkage links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_by_provider", "提供事業所別の連動", snapshot.Index.Areas, period)
        {
            OfficeNames = snapshot.Index.OfficeName,
        };
        var needs = t.Column(Total, Cell.Total, Needs, MeasureUnit.Needs);
        var needsLinked = t.Column(Total, Cell.Total, NeedsLinked, MeasureUnit.Needs);
        var supportPlans = snapshot.Index.SupportPlans;
        // The table's area of each provider: by office number, or by id for offices that offices.csv lacks.
        var areaOfOffice = new int?[snapshot.Index.OfficeCount];
        var areaOfUnknown = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < snapshot.NeedCount; n++)
        {
            var states = snapshot.StatesOf(n);
            var numbers = snapshot.OfficesOf(n);
            for (var i = 0; i < states.Length; i++)
            {
                if (states[i].Status != ServiceStatus.InUse || states[i].ProviderOfficeId is not { } provider || ProviderBefore(states, i, provider)) continue;
                int office;
                if (numbers[i] >= 0) office = areaOfOffice[numbers[i]] ??= t.Area(AreaLevel.Office, provider);
                else
                {
                    ref var unknown = ref CollectionsMarshal.GetValueRefOrAddDefault(areaOfUnknown, provider, out var known);
                    if (!known) unknown = t.Area(AreaLevel.Office, provider);
                    office = unknown;
                }
                var linked = 0;
                foreach (var p in links.LinkedPlans(n))
                    if (supportPlans[p].ProviderOfficeId == provider)
                    {
                        linked = 1;
                        break;
                    }
                t.Add(office, needs);
                t.Add(office, needsLinked, linked);
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }

    /// <summary>Whether a state before <paramref name="i"/> is in use at the same provider (a need counts once per provider).</summary>
    private static bool ProviderBefore(ReadOnlySpan<ServiceState> states, int i, string provider)
    {
        for (var j = 0; j < i; j++)
            if (states[j].Status == ServiceStatus.InUse && states[j].ProviderOfficeId == provider) return true;
        return false;
    }
}
