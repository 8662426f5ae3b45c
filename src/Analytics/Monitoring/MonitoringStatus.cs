using System.Runtime.CompilerServices;
using PlanLink.Analytics.Snapshot;
using PlanLink.Analytics.Unmet;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Monitoring;

/// <summary>モニタリング facts about one current plan at the snapshot date.</summary>
public sealed record MonitoringStatus(Plan Plan, DateOnly LastReview, bool IsOverdue, IReadOnlyList<int> PersistentlyUnmetPriorities)
{
    /// <summary>The monitoring of a plan is overdue when its interval has passed since the last
    /// monitoring of any of the person's plan versions (or since the plan itself, when none).
    /// In the order of <see cref="PlanSnapshot.Plans"/>; made once per snapshot.</summary>
    public static IReadOnlyList<MonitoringStatus> Assess(PlanSnapshot snapshot) => SnapshotMonitoring.Of(snapshot).Statuses;

    /// <summary>Needs of the plan at a position of <see cref="DatasetIndex.Plans"/> that were unmet at each of
    /// its last two monitorings: the 個別課題 that should become 地域課題.</summary>
    public static IReadOnlyList<int> PersistentlyUnmet(DatasetIndex index, int plan, DateOnly date)
    {
        var planKey = index.PlanKeyAt(plan);
        var reviews = index.MonitoringOf(planKey);
        // The last two distinct monitoring dates on or before the date (rows are ordered by date).
        var i = SnapshotMonitoring.EndOn(reviews, date) - 1;
        if (i < 0) return [];
        var after = reviews[i].MonitoringDate;
        while (i >= 0 && reviews[i].MonitoringDate == after) i--;
        if (i < 0) return [];
        var before = reviews[i].MonitoringDate;
        List<int>? persistent = null;
        var (start, end) = index.NeedsOf(planKey);
        for (var n = start; n < end; n++)
        {
            var rows = index.ServicesOf(n);
            if (UnmetRules.IsUnmet(rows, after) && UnmetRules.IsUnmet(rows, before))
                (persistent ??= []).Add(index.NeedPriority(n));
        }
        return persistent ?? [];
    }
}

/// <summary>The monitoring of a snapshot's current plans, made once per snapshot in one pass over their
/// monitoring rows: each plan's <see cref="MonitoringStatus"/> and each need's latest achievement.</summary>
public sealed class SnapshotMonitoring
{
    private static readonly ConditionalWeakTable<PlanSnapshot, SnapshotMonitoring> BySnapshot = [];

    private readonly Achievement?[] _latest;

    private SnapshotMonitoring(PlanSnapshot snapshot)
    {
        var index = snapshot.Index;
        var statuses = new MonitoringStatus[snapshot.Plans.Count];
        _latest = new Achievement?[snapshot.NeedCount];
        for (var i = 0; i < statuses.Length; i++)
        {
            var plan = snapshot.Plans[i];
            var last = plan.PlanDate;
            var (first, end) = index.PlansOf(snapshot.PersonOf(i));
            for (var version = first; version < end; version++)
            {
                if (SameKeyBefore(index, first, version)) continue; // versions sharing an id share their monitoring
                var reviews = index.MonitoringOf(index.PlanKeyAt(version));
                if (EndOn(reviews, snapshot.Date) is > 0 and var count && reviews[count - 1].MonitoringDate > last) last = reviews[count - 1].MonitoringDate;
            }
            var overdue = last.AddMonths(plan.MonitoringMonths) < snapshot.Date;
            statuses[i] = new MonitoringStatus(plan, last, overdue, MonitoringStatus.PersistentlyUnmet(index, snapshot.PositionOf(i), snapshot.Date));

            // Each need's last review on or before the date: the rows read from the latest back, until every need has one.
            var (start, stop) = snapshot.NeedsOf(i);
            if (start == stop) continue;
            var current = index.MonitoringOf(index.PlanKeyAt(snapshot.PositionOf(i)));
            var missing = stop - start;
            for (var r = EndOn(current, snapshot.Date) - 1; r >= 0 && missing > 0; r--)
            {
                for (var n = start; n < stop; n++)
                    if (_latest[n] is null && snapshot.NeedPriority(n) == current[r].Priority)
                    {
                        _latest[n] = current[r].Achievement;
                        missing--;
                    }
            }
        }
        Statuses = statuses;
    }

    /// <summary>The monitoring of a snapshot, made on first use.</summary>
    public static SnapshotMonitoring Of(PlanSnapshot snapshot) => BySnapshot.GetValue(snapshot, s => new SnapshotMonitoring(s));

    /// <summary>Per current plan, in the order of <see cref="PlanSnapshot.Plans"/>.</summary>
    public IReadOnlyList<MonitoringStatus> Statuses { get; }

    /// <summary>The achievement of the need's last review on or before the date, if any.</summary>
    public Achievement? LatestAchievement(int need) => _latest[need];

    /// <summary>How many reviews (ordered by date) are dated on or before the date: a binary search.</summary>
    internal static int EndOn(ReadOnlySpan<MonitoringRecord> reviews, DateOnly date)
    {
        var (lo, hi) = (0, reviews.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (reviews[mid].MonitoringDate <= date) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static bool SameKeyBefore(DatasetIndex index, int first, int version)
    {
        for (var v = first; v < version; v++)
            if (index.PlanKeyAt(v) == index.PlanKeyAt(version)) return true;
        return false;
    }
}
