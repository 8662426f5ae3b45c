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
}

/// <summary>The monitoring of a snapshot's current plans, made once per snapshot in one pass over the index's flat
/// monitoring and status arrays: per plan its last review, whether it is overdue and its needs unmet at each of
/// its last two monitorings (the 個別課題 that should become 地域課題); per need its latest achievement.</summary>
public sealed class SnapshotMonitoring
{
    private static readonly ConditionalWeakTable<PlanSnapshot, SnapshotMonitoring> BySnapshot = [];

    private readonly PlanSnapshot _snapshot;
    private readonly Achievement?[] _latest;
    /// <summary>Per plan: its last review (day number), whether it is overdue, and where its persistently unmet priorities start.</summary>
    private readonly int[] _lastReview, _persistentStart, _persistent;
    private readonly bool[] _overdue;
    private MonitoringStatus[]? _statuses;

    private SnapshotMonitoring(PlanSnapshot snapshot)
    {
        _snapshot = snapshot;
        var (index, day) = (snapshot.Index, snapshot.Date.DayNumber);
        var count = snapshot.Plans.Count;
        (_lastReview, _overdue, _persistentStart) = (new int[count], new bool[count], new int[count + 1]);
        _latest = new Achievement?[snapshot.NeedCount];
        var persistent = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var position = snapshot.PositionOf(i);
            var last = index.PlanDays[position];
            var (first, end) = index.PlansOf(snapshot.PersonOf(i));
            for (var version = first; version < end; version++)
            {
                if (SameKeyBefore(index, first, version)) continue; // versions sharing an id share their monitoring
                var reviews = index.ReviewsOf(index.PlanKeyAt(version));
                if (reviews.EndOn(day) is > 0 and var on && reviews.Day[on - 1] > last) last = reviews.Day[on - 1];
            }
            _lastReview[i] = last;
            _overdue[i] = DateOnly.FromDayNumber(last).AddMonths(index.PlanMonitoringMonths[position]) < snapshot.Date;
            var current = index.ReviewsOf(index.PlanKeyAt(position));
            PersistentlyUnmet(index, index.PlanKeyAt(position), current, snapshot.Date, persistent);
            _persistentStart[i + 1] = persistent.Count;

            // Each need's last review on or before the date: the rows read from the latest back, until every need has one.
            var (start, stop) = snapshot.NeedsOf(i);
            var missing = stop - start;
            for (var r = current.EndOn(day) - 1; r >= 0 && missing > 0; r--)
            {
                for (var n = start; n < stop; n++)
                    if (_latest[n] is null && snapshot.NeedPriority(n) == current.Priority[r])
                    {
                        _latest[n] = current.Achievement[r];
                        missing--;
                    }
            }
        }
        _persistent = [.. persistent];
    }

    /// <summary>Adds the priorities of the needs of a plan key that were unmet at each of its last two monitorings on or before the date.</summary>
    private static void PersistentlyUnmet(DatasetIndex index, int planKey, Reviews reviews, DateOnly date, List<int> into)
    {
        // The last two distinct monitoring dates on or before the date (rows are ordered by date).
        var i = reviews.EndOn(date.DayNumber) - 1;
        if (i < 0) return;
        var after = reviews.Day[i];
        while (i >= 0 && reviews.Day[i] == after) i--;
        if (i < 0) return;
        var before = reviews.Day[i];
        var (start, end) = index.NeedsOf(planKey);
        for (var n = start; n < end; n++)
        {
            var rows = index.StatusRowsOf(n);
            if (UnmetRules.IsUnmet(rows, DateOnly.FromDayNumber(after)) && UnmetRules.IsUnmet(rows, DateOnly.FromDayNumber(before)))
                into.Add(index.NeedPriority(n));
        }
    }

    /// <summary>The monitoring of a snapshot, made on first use.</summary>
    public static SnapshotMonitoring Of(PlanSnapshot snapshot) => BySnapshot.GetValue(snapshot, s => new SnapshotMonitoring(s));

    /// <summary>Whether the monitoring of <c>Plans[plan]</c> is overdue.</summary>
    public bool IsOverdue(int plan) => _overdue[plan];

    /// <summary>The priorities of the needs of <c>Plans[plan]</c> unmet at each of its last two monitorings.</summary>
    public ReadOnlySpan<int> PersistentlyUnmet(int plan) => _persistent.AsSpan(_persistentStart[plan].._persistentStart[plan + 1]);

    /// <summary>Per current plan as records, in the order of <see cref="PlanSnapshot.Plans"/>: made on first use (for views).</summary>
    public IReadOnlyList<MonitoringStatus> Statuses => LazyInitializer.EnsureInitialized(ref _statuses, () =>
    {
        var result = new MonitoringStatus[_overdue.Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = new MonitoringStatus(_snapshot.Plans[i], DateOnly.FromDayNumber(_lastReview[i]), _overdue[i], PersistentlyUnmet(i).ToArray());
        return result;
    });

    /// <summary>The achievement of the need's last review on or before the date, if any.</summary>
    public Achievement? LatestAchievement(int need) => _latest[need];

    private static bool SameKeyBefore(DatasetIndex index, int first, int version)
    {
        for (var v = first; v < version; v++)
            if (index.PlanKeyAt(v) == index.PlanKeyAt(version)) return true;
        return false;
    }
}
