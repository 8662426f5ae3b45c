using System.Runtime.CompilerServices;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Monitoring;

/// <summary>モニタリング facts about one current plan at the snapshot date.</summary>
public sealed record MonitoringStatus(Plan Plan, DateOnly LastReview, bool IsOverdue, IReadOnlyList<int> PersistentlyUnmetPriorities)
{
    /// <summary>Several tables read the statuses of one snapshot: made once per snapshot.</summary>
    private static readonly ConditionalWeakTable<PlanSnapshot, MonitoringStatus[]> BySnapshot = [];

    /// <summary>The monitoring of a plan is overdue when its interval has passed since the last
    /// monitoring of any of the person's plan versions (or since the plan itself, when none).
    /// In the order of <see cref="PlanSnapshot.Plans"/>.</summary>
    public static IReadOnlyList<MonitoringStatus> Assess(PlanSnapshot snapshot) => BySnapshot.GetValue(snapshot, Compute);

    private static MonitoringStatus[] Compute(PlanSnapshot snapshot)
    {
        var index = snapshot.Index;
        var result = new MonitoringStatus[snapshot.Plans.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var plan = snapshot.Plans[i];
            var last = plan.PlanDate;
            var (first, end) = index.PlansOf(snapshot.PersonOf(i));
            for (var version = first; version < end; version++)
            foreach (var m in index.MonitoringOf(index.PlanKeyAt(version)))
            {
                if (m.MonitoringDate > snapshot.Date) break; // ordered by date
                if (m.MonitoringDate > last) last = m.MonitoringDate;
            }
            var overdue = last.AddMonths(plan.MonitoringMonths) < snapshot.Date;
            result[i] = new MonitoringStatus(plan, last, overdue, PersistentlyUnmet(index, snapshot.PositionOf(i), snapshot.Date));
        }
        return result;
    }

    /// <summary>Needs of the plan at a position of <see cref="DatasetIndex.Plans"/> that were unmet at each of
    /// its last two monitorings: the 個別課題 that should become 地域課題.</summary>
    public static IReadOnlyList<int> PersistentlyUnmet(DatasetIndex index, int plan, DateOnly date)
    {
        var planKey = index.PlanKeyAt(plan);
        // The last two distinct monitoring dates on or before the date (rows are ordered by date).
        DateOnly? latest = null, previous = null;
        foreach (var m in index.MonitoringOf(planKey))
        {
            if (m.MonitoringDate > date) break;
            if (m.MonitoringDate == latest) continue;
            (previous, latest) = (latest, m.MonitoringDate);
        }
        if (previous is not { } before || latest is not { } after) return [];
        List<int>? persistent = null;
        var (start, end) = index.NeedsOf(planKey);
        for (var n = start; n < end; n++)
        {
            var rows = index.ServicesOf(n);
            if (UnmetRules.IsUnmet(rows, after) && UnmetRules.IsUnmet(rows, before))
                (persistent ??= []).Add(index.Needs[n].Priority);
        }
        return persistent ?? [];
    }
}
