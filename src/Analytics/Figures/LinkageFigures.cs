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

    /// <summary>Needs linked, per area, and the goals that serve no need. <paramref name="links"/> are those of
    /// <see cref="LinkageAssessment.Assess(PlanSnapshot)"/>, in the order of the snapshot's needs.</summary>
    public static ResultTable Summary(PlanSnapshot snapshot, IReadOnlyList<LinkageAssessment> links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_summary", "サービス等利用計画と個別支援計画の連動", snapshot.Index.Areas, period);
        t.EnsureMacro(Total, [Cell.Total], (Needs, MeasureUnit.Needs), (NeedsLinked, MeasureUnit.Needs),
            (NeedsInUseUnlinked, MeasureUnit.Needs), (Goals, MeasureUnit.Goals), (GoalsUnlinked, MeasureUnit.Goals));
        var needs = t.Column(Total, Cell.Total, Needs, MeasureUnit.Needs);
        var needsLinked = t.Column(Total, Cell.Total, NeedsLinked, MeasureUnit.Needs);
        var needsInUseUnlinked = t.Column(Total, Cell.Total, NeedsInUseUnlinked, MeasureUnit.Needs);
        var goals = t.Column(Total, Cell.Total, Goals, MeasureUnit.Goals);
        var goalsUnlinked = t.Column(Total, Cell.Total, GoalsUnlinked, MeasureUnit.Goals);
        var index = snapshot.Index;
        var personGoals = new List<(SupportPlan, SupportGoal)>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var municipality = snapshot.MunicipalityOf(plan);
            if (municipality < 0) continue;
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                var l = links[n];
                t.AddMacro(municipality, needs);
                if (l.IsLinked) t.AddMacro(municipality, needsLinked);
                else if (AnyInUse(l.State.Services)) t.AddMacro(municipality, needsInUseUnlinked);
            }
            // Goals of the current individual support plans that serve no need of the person's current plan.
            var (needFrom, needTo) = index.NeedsOf(index.PlanKeyAt(snapshot.PositionOf(plan)));
            personGoals.Clear();
            LinkageAssessment.GoalsOf(snapshot, snapshot.PersonOf(plan), personGoals);
            foreach (var (_, goal) in personGoals)
            {
                t.AddMacro(municipality, goals);
                if (goal.LinkedPriority is not { } p || !HasPriority(index.Needs[needFrom..needTo], p)) t.AddMacro(municipality, goalsUnlinked);
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }

    private static bool AnyInUse(IReadOnlyList<ServiceState> services)
    {
        foreach (var s in services)
            if (s.Status == ServiceStatus.InUse) return true;
        return false;
    }

    private static bool HasPriority(ReadOnlySpan<PlanNeed> needs, int priority)
    {
        foreach (var n in needs)
            if (n.Priority == priority) return true;
        return false;
    }

    /// <summary>Per service type: needs with that service in use, and how many of them a goal of an
    /// individual support plan for that same service links to.</summary>
    public static ResultTable ByService(PlanSnapshot snapshot, IReadOnlyList<LinkageAssessment> links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_by_service", "サービス種類別の連動", snapshot.Index.Areas, period);
        var services = ServiceCatalog.All.Where(s => s.Type != ServiceType.Informal).Select(s => s.JapaneseName);
        t.EnsureMacro(Service, services, (Needs, MeasureUnit.Needs), (NeedsLinked, MeasureUnit.Needs));
        var needs = ServiceCatalog.All.ToDictionary(s => s.Type, s => t.Column(Service, s.JapaneseName, Needs, MeasureUnit.Needs));
        var needsLinked = ServiceCatalog.All.ToDictionary(s => s.Type, s => t.Column(Service, s.JapaneseName, NeedsLinked, MeasureUnit.Needs));
        var seen = new List<ServiceType>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var municipality = snapshot.MunicipalityOf(plan);
            if (municipality < 0) continue;
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                var l = links[n];
                seen.Clear();
                foreach (var s in l.State.Services)
                {
                    if (s.Status != ServiceStatus.InUse || s.Service == ServiceType.Informal || seen.Contains(s.Service)) continue;
                    seen.Add(s.Service);
                    t.AddMacro(municipality, needs[s.Service]);
                    if (l.LinkedGoals.Any(g => g.Plan.Service == s.Service)) t.AddMacro(municipality, needsLinked[s.Service]);
                }
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }

    /// <summary>Per provider office: the needs it serves with a service in use, and how many of them its
    /// own individual support plans link to (meso level, office-keyed).</summary>
    public static ResultTable ByProvider(PlanSnapshot snapshot, IReadOnlyList<LinkageAssessment> links, FiscalQuarter period)
    {
        var t = new TableBuilder("plan_linkage_by_provider", "提供事業所別の連動", snapshot.Index.Areas, period)
        {
            OfficeNames = snapshot.Index.OfficeName,
        };
        var needs = t.Column(Total, Cell.Total, Needs, MeasureUnit.Needs);
        var needsLinked = t.Column(Total, Cell.Total, NeedsLinked, MeasureUnit.Needs);
        var providers = new List<string>();
        foreach (var l in links)
        {
            providers.Clear();
            foreach (var s in l.State.Services)
                if (s.Status == ServiceStatus.InUse && s.ProviderOfficeId is { } provider && !providers.Contains(provider)) providers.Add(provider);
            foreach (var provider in providers)
            {
                var office = t.Area(AreaLevel.Office, provider);
                t.Add(office, needs);
                t.Add(office, needsLinked, l.LinkedGoals.Any(g => g.Plan.ProviderOfficeId == provider) ? 1 : 0);
            }
        }
        t.AddRate(LinkageRate, MeasureUnit.Percent, NeedsLinked, Needs);
        return t.Build();
    }
}
