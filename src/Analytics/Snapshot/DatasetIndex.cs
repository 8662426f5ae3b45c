using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Snapshot;

/// <summary>The dataset's rows grouped the ways every snapshot looks them up; built once per dataset.</summary>
public sealed class DatasetIndex
{
    public DatasetIndex(PlanDataset data)
    {
        Data = data;
        PlansByPerson = data.Plans.GroupBy(p => p.PersonKey)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.PlanDate).ThenBy(p => p.PlanId, StringComparer.Ordinal).ToArray());
        NeedsByPlan = data.Needs.GroupBy(n => n.PlanId)
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.Priority).ToArray());
        ServicesByNeed = data.Services.GroupBy(s => (s.PlanId, s.Priority))
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Service).ThenBy(s => s.Since).ToArray());
        SupportPlansByPerson = data.SupportPlans.GroupBy(s => s.PersonKey)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.PlanDate).ToArray());
        GoalsBySupportPlan = data.SupportGoals.GroupBy(g => g.SupportPlanId)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.GoalNo).ToArray());
        MonitoringByPlan = data.Monitoring.GroupBy(m => m.PlanId)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.MonitoringDate).ThenBy(m => m.Priority).ToArray());
        Areas = new Areas.AreaHierarchy(data.Municipalities, data.SupportCenters);
        FirstDate = data.Plans.Count == 0 ? default : data.Plans.Min(p => p.PlanDate);
        LastDate = new[] { data.Plans.Select(p => p.PlanDate), data.Services.Select(s => s.Since), data.Monitoring.Select(m => m.MonitoringDate) }
            .SelectMany(d => d).DefaultIfEmpty().Max();
    }

    public PlanDataset Data { get; }
    public Areas.AreaHierarchy Areas { get; }
    public IReadOnlyDictionary<string, Plan[]> PlansByPerson { get; }
    public IReadOnlyDictionary<string, PlanNeed[]> NeedsByPlan { get; }
    public IReadOnlyDictionary<(string PlanId, int Priority), PlannedService[]> ServicesByNeed { get; }
    public IReadOnlyDictionary<string, SupportPlan[]> SupportPlansByPerson { get; }
    public IReadOnlyDictionary<string, SupportGoal[]> GoalsBySupportPlan { get; }
    public IReadOnlyDictionary<string, MonitoringRecord[]> MonitoringByPlan { get; }
    /// <summary>The earliest plan date in the data.</summary>
    public DateOnly FirstDate { get; }
    /// <summary>The latest date any row speaks of.</summary>
    public DateOnly LastDate { get; }
}
