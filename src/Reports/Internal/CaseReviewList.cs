using PlanLink.Analytics.Monitoring;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;

namespace PlanLink.Reports.Internal;

/// <summary>Ranks the persons with unmet needs for 事例検討: first by needs persistently unmet
/// (MonitoringStatus.PersistentlyUnmetPriorities), then by the number of unmet needs, then by the
/// longest wait; ties by pseudonym so the list is reproducible.</summary>
public static class CaseReviewList
{
    public static IReadOnlyList<CaseReviewEntry> Build(PlanSnapshot snapshot)
    {
        // One status per current plan, in the snapshot's plan order.
        var statuses = MonitoringStatus.Assess(snapshot);
        // Records only for the plans with an unmet need: the verdict bits say which, without a record per need.
        var reasons = NeedAssessment.ReasonsOf(snapshot);
        var rows = new List<(Plan Plan, IReadOnlyList<int> Persistent, List<NeedAssessment> Unmet, int Wait)>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            var (start, end) = snapshot.NeedsOf(plan);
            var any = false;
            for (var n = start; n < end && !any; n++) any = reasons[n].Any;
            if (!any) continue;
            var unmet = snapshot.NeedStatesOf(plan).Select(n => NeedAssessment.Assess(n, snapshot.Date)).Where(a => a.IsUnmet).ToList();
            var p = snapshot.Plans[plan];
            rows.Add((p, statuses[plan].PersistentlyUnmetPriorities, unmet,
                unmet.SelectMany(a => a.UnmetServices).Select(u => u.Service.DaysInStatus(snapshot.Date)).DefaultIfEmpty(0).Max()));
        }
        return rows.OrderByDescending(x => x.Persistent.Count).ThenByDescending(x => x.Unmet.Count).ThenByDescending(x => x.Wait)
            .ThenBy(x => x.Plan.PersonKey, StringComparer.Ordinal)
            .Select((x, i) => new CaseReviewEntry(i + 1, x.Plan, x.Persistent, x.Unmet, x.Wait))
            .ToList();
    }
}
