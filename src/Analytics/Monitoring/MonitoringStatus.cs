using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Monitoring;

/// <summary>モニタリング facts about one current plan at the snapshot date.</summary>
public sealed record MonitoringStatus(Plan Plan, DateOnly LastReview, bool IsOverdue, IReadOnlyList<int> PersistentlyUnmetPriorities)
{
    /// <summary>The monitoring of a plan is overdue when its interval has passed since the last
    /// monitoring of any of the person's plan versions (or since the plan itself, when none).</summary>
    public static IReadOnlyList<MonitoringStatus> Assess(PlanSnapshot snapshot)
    {
        var index = snapshot.Index;
        var result = new List<MonitoringStatus>(snapshot.Plans.Count);
        foreach (var plan in snapshot.Plans)
        {
            var versions = index.PlansByPerson[plan.PersonKey];
            var reviews = versions.SelectMany(v => index.MonitoringByPlan.GetValueOrDefault(v.PlanId) ?? [])
                .Where(m => m.MonitoringDate <= snapshot.Date).ToList();
            var last = reviews.Select(m => m.MonitoringDate).Append(plan.PlanDate).Max();
            var overdue = last.AddMonths(plan.MonitoringMonths) < snapshot.Date;
            result.Add(new MonitoringStatus(plan, last, overdue, PersistentlyUnmet(index, plan, snapshot.Date)));
        }
        return result;
    }

    /// <summary>Needs of the plan that were unmet at each of its last two monitorings: the 個別課題 that
    /// should become 地域課題.</summary>
    public static IReadOnlyList<int> PersistentlyUnmet(DatasetIndex index, Plan plan, DateOnly date)
    {
        var dates = (index.MonitoringByPlan.GetValueOrDefault(plan.PlanId) ?? [])
            .Where(m => m.MonitoringDate <= date).Select(m => m.MonitoringDate).Distinct().OrderDescending().Take(2).ToList();
        if (dates.Count < 2) return [];
        var persistent = new List<int>();
        foreach (var need in index.NeedsByPlan.GetValueOrDefault(plan.PlanId) ?? [])
        {
            var rows = index.ServicesByNeed.GetValueOrDefault((plan.PlanId, need.Priority)) ?? [];
            if (dates.All(d => UnmetRules.NeedUnmet(new NeedState(plan, need, PlanSnapshot.StatesAt(rows, d)), d).Count > 0))
                persistent.Add(need.Priority);
        }
        return persistent;
    }
}
