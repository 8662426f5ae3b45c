using PlanLink.Analytics.Monitoring;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Unmet;

namespace PlanLink.Reports.Internal;

/// <summary>Ranks the persons with unmet needs for 事例検討: first by needs persistently unmet
/// (MonitoringStatus.PersistentlyUnmetPriorities), then by the number of unmet needs, then by the
/// longest wait; ties by pseudonym so the list is reproducible.</summary>
public static class CaseReviewList
{
    public static IReadOnlyList<CaseReviewEntry> Build(PlanSnapshot snapshot)
    {
        var persistent = MonitoringStatus.Assess(snapshot).ToDictionary(s => s.Plan.PlanId, s => s.PersistentlyUnmetPriorities);
        return NeedAssessment.Assess(snapshot).Where(a => a.IsUnmet).GroupBy(a => a.Plan.PlanId)
            .Select(g => (Plan: g.First().Plan, Persistent: persistent.GetValueOrDefault(g.Key) ?? [], Unmet: g.ToList(),
                Wait: g.SelectMany(a => a.UnmetServices).Select(u => u.Service.DaysInStatus(snapshot.Date)).DefaultIfEmpty(0).Max()))
            .OrderByDescending(x => x.Persistent.Count).ThenByDescending(x => x.Unmet.Count).ThenByDescending(x => x.Wait)
            .ThenBy(x => x.Plan.PersonKey, StringComparer.Ordinal)
            .Select((x, i) => new CaseReviewEntry(i + 1, x.Plan, x.Persistent, x.Unmet, x.Wait))
            .ToList();
    }
}
