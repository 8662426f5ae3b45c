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
        var links = LinkageAssessment.Assess(snapshot);
        return [Summary(snapshot, links, period), ByService(snapshot, links, period), ByProvider(snapshot, links, period)];
    }

    public static ResultTable Summary(PlanSnapshot snapshot, IReadOnlyList<LinkageAssessment> links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_summary", "サービス等利用計画と個別支援計画の連動", snapshot.Index.Areas, period);
        t.EnsureMacro(Total, [Cell.Total], (Needs, MeasureUnit.Needs), (NeedsLinked, MeasureUnit.Needs),
            (NeedsInUseUnlinked, MeasureUnit.Needs), (Goals, MeasureUnit.Goals), (GoalsUnlinked, MeasureUnit.Goals));
        foreach (var l in links)
        {
            var municipality = l.State.Plan.MunicipalityCode;
            t.AddMacro(municipality, Total, Cell.Total, Needs, MeasureUnit.Needs);
            if (l.IsLinked) t.AddMacro(municipality, Total, Cell.Total, NeedsLinked, MeasureUnit.Needs);
            else if (l.State.Services.Any(s => s.Status == ServiceStatus.InUse))
                t.AddMacro(municipality, Total, Cell.Total, NeedsInUseUnlinked, MeasureUnit.Needs);
        }
        // Goals of the current individual support plans that serve no need of the person's current plan.
        foreach (var plan in snapshot.Plans)
        {
            var priorities = (snapshot.Index.NeedsByPlan.GetValueOrDefault(plan.PlanId) ?? []).Select(n => n.Priority).ToHashSet();
            foreach (var (_, goal) in LinkageAssessment.GoalsOf(snapshot, plan.PersonKey))
            {
                t.AddMacro(plan.MunicipalityCode, Total, Cell.Total, Goals, MeasureUnit.Goals);
                if (goal.LinkedPriority is not { } p || !priorities.Contains(p))
                    t.AddMacro(plan.MunicipalityCode, Total, Cell.Total, GoalsUnlinked, MeasureUnit.Goals);
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }

    /// <summary>Per service type: needs with that service in use, and how many of them a goal of an
    /// individual support plan for that same service links to.</summary>
    public static ResultTable ByService(PlanSnapshot snapshot, IReadOnlyList<LinkageAssessment> links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_by_service", "サービス種類別の連動", snapshot.Index.Areas, period);
        var services = ServiceCatalog.All.Where(s => s.Type != ServiceType.Informal).Select(s => s.JapaneseName);
        t.EnsureMacro(Service, services, (Needs, MeasureUnit.Needs), (NeedsLinked, MeasureUnit.Needs));
        foreach (var l in links)
        {
            foreach (var service in l.State.Services.Where(s => s.Status == ServiceStatus.InUse && s.Service != ServiceType.Informal).Select(s => s.Service).Distinct())
            {
                var name = ServiceCatalog.Get(service).JapaneseName;
                t.AddMacro(l.State.Plan.MunicipalityCode, Service, name, Needs, MeasureUnit.Needs);
                if (l.LinkedGoals.Any(g => g.Plan.Service == service))
                    t.AddMacro(l.State.Plan.MunicipalityCode, Service, name, NeedsLinked, MeasureUnit.Needs);
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }

    /// <summary>Per provider office: the needs it serves with a service in use, and how many of them its
    /// own individual support plans link to (meso level, office-keyed).</summary>
    public static ResultTable ByProvider(PlanSnapshot snapshot, IReadOnlyList<LinkageAssessment> links, FiscalQuarter period)
    {
        var names = snapshot.Index.Data.Offices.GroupBy(o => o.OfficeId).ToDictionary(g => g.Key, g => g.First().OfficeName);
        var t = new TableBuilder("plan_linkage_by_provider", "提供事業所別の連動", snapshot.Index.Areas, period)
        {
            OfficeNames = code => names.GetValueOrDefault(code, code),
        };
        foreach (var l in links)
        {
            var providers = l.State.Services
                .Where(s => s.Status == ServiceStatus.InUse && s.ProviderOfficeId is not null)
                .Select(s => s.ProviderOfficeId!).Distinct();
            foreach (var provider in providers)
            {
                t.Add(AreaLevel.Office, provider, Total, Cell.Total, Needs, 1, MeasureUnit.Needs);
                var linked = l.LinkedGoals.Any(g => g.Plan.ProviderOfficeId == provider);
                t.Add(AreaLevel.Office, provider, Total, Cell.Total, NeedsLinked, linked ? 1 : 0, MeasureUnit.Needs);
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }
}
