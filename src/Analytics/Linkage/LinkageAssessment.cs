using System.Runtime.CompilerServices;
using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Linkage;

/// <summary>連動: whether a need of the service use plan is served by a goal of an individual support plan.</summary>
public sealed record LinkageAssessment(NeedState State, IReadOnlyList<(SupportPlan Plan, SupportGoal Goal)> LinkedGoals)
{
    public bool IsLinked => LinkedGoals.Count > 0;

    /// <summary>Several views read the linkage of one snapshot: made once per snapshot.</summary>
    private static readonly ConditionalWeakTable<PlanSnapshot, LinkageAssessment[]> BySnapshot = [];

    /// <summary>The linkage of every need of the snapshot as records, in the order of <see cref="PlanSnapshot.Needs"/>:
    /// for micro-level views (figures read <see cref="SnapshotLinkage"/>).</summary>
    public static IReadOnlyList<LinkageAssessment> Assess(PlanSnapshot snapshot) =>
        BySnapshot.GetValue(snapshot, s =>
        {
            var result = new LinkageAssessment[s.NeedCount];
            var goals = new List<(SupportPlan, SupportGoal)>();
            var plans = new List<int>();
            for (var plan = 0; plan < s.Plans.Count; plan++)
            {
                var (start, end) = s.NeedsOf(plan);
                if (start < end) Assess(s, s.PersonOf(plan), s.Needs, start, end, result, goals, plans);
            }
            return result;
        });

    /// <summary>The linkage of the needs of one person (all of the same person's current plan).</summary>
    public static IReadOnlyList<LinkageAssessment> Assess(PlanSnapshot snapshot, IReadOnlyList<NeedState> needsOfOnePerson)
    {
        var result = new LinkageAssessment[needsOfOnePerson.Count];
        if (result.Length > 0)
            Assess(snapshot, snapshot.Index.PersonOf(needsOfOnePerson[0].Plan.PersonKey), needsOfOnePerson, 0, result.Length, result, [], []);
        return result;
    }

    /// <summary>Assesses needs[start .. end), all of one person, into the same positions of <paramref name="result"/>;
    /// <paramref name="goals"/> and <paramref name="plans"/> are buffers.</summary>
    private static void Assess(PlanSnapshot snapshot, int person, IReadOnlyList<NeedState> needs, int start, int end, LinkageAssessment[] result,
        List<(SupportPlan Plan, SupportGoal Goal)> goals, List<int> plans)
    {
        var index = snapshot.Index;
        plans.Clear();
        CurrentPlansOf(snapshot, person, plans);
        goals.Clear();
        foreach (var p in plans)
            foreach (var g in index.GoalsOf(p))
                goals.Add((index.SupportPlans[p], g));
        for (var i = start; i < end; i++)
        {
            var priority = needs[i].Need.Priority;
            var linked = 0;
            foreach (var g in goals)
                if (g.Goal.LinkedPriority == priority) linked++;
            var linkedGoals = linked == 0 ? [] : new (SupportPlan, SupportGoal)[linked];
            linked = 0;
            foreach (var g in goals)
                if (g.Goal.LinkedPriority == priority) linkedGoals[linked++] = g;
            result[i] = new LinkageAssessment(needs[i], linkedGoals);
        }
    }

    /// <summary>Adds the positions in <see cref="DatasetIndex.SupportPlans"/> of the person's current individual support plans
    /// to <paramref name="into"/>: the latest plan on or before the date per provider and service, in the order each provider
    /// and service first appears.</summary>
    public static void CurrentPlansOf(PlanSnapshot snapshot, int person, List<int> into)
    {
        if (person < 0) return;
        var index = snapshot.Index;
        var (start, end) = index.SupportPlansOf(person);
        while (end > start && index.SupportPlanDate(end - 1) > snapshot.Date) end--; // ordered by date
        for (var first = start; first < end; first++)
        {
            var line = index.SupportPlanLine(first);
            if (LineBefore(index, line, start, first)) continue; // not the first of its provider and service
            var current = first;
            for (var later = first + 1; later < end; later++)
                if (index.SupportPlanLine(later) == line) current = later;
            into.Add(current);
        }
    }

    /// <summary>Whether a plan in [from, to) has the provider and service <paramref name="line"/>.</summary>
    private static bool LineBefore(DatasetIndex index, int line, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (index.SupportPlanLine(i) == line) return true;
        return false;
    }
}

/// <summary>The linkage of every need of a snapshot as flat arrays, made once per snapshot: per need, the
/// individual support plans whose goals link to it; per plan, its person's current goals and how many of
/// them link to no need of the plan.</summary>
public sealed class SnapshotLinkage
{
    private static readonly ConditionalWeakTable<PlanSnapshot, SnapshotLinkage> BySnapshot = [];

    /// <summary>Per need, where its linked plans start in <see cref="_linkedPlans"/>; per plan, its goal counts.</summary>
    private readonly int[] _linkedStart, _linkedPlans, _goals, _goalsUnlinked;

    private SnapshotLinkage(PlanSnapshot snapshot)
    {
        var index = snapshot.Index;
        _linkedStart = new int[snapshot.NeedCount + 1];
        _goals = new int[snapshot.Plans.Count];
        _goalsUnlinked = new int[snapshot.Plans.Count];
        var linked = new List<int>();
        var plans = new List<int>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            plans.Clear();
            LinkageAssessment.CurrentPlansOf(snapshot, snapshot.PersonOf(plan), plans);
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                var priority = snapshot.NeedPriority(n);
                foreach (var p in plans)
                    foreach (var goal in index.LinkedPrioritiesOf(p))
                        if (goal == priority) linked.Add(p);
                _linkedStart[n + 1] = linked.Count;
            }
            foreach (var p in plans)
                foreach (var goal in index.LinkedPrioritiesOf(p))
                {
                    _goals[plan]++;
                    if (goal == DatasetIndex.NotLinked || !HasPriority(snapshot, start, end, goal)) _goalsUnlinked[plan]++;
                }
        }
        _linkedPlans = [.. linked];
    }

    /// <summary>The linkage of a snapshot, made on first use.</summary>
    public static SnapshotLinkage Of(PlanSnapshot snapshot) => BySnapshot.GetValue(snapshot, s => new SnapshotLinkage(s));

    /// <summary>Whether a goal links to the need with a number.</summary>
    public bool IsLinked(int need) => _linkedStart[need + 1] > _linkedStart[need];

    /// <summary>Per goal linked to the need, the position of its plan in <see cref="DatasetIndex.SupportPlans"/>.</summary>
    public ReadOnlySpan<int> LinkedPlans(int need) => _linkedPlans.AsSpan(_linkedStart[need], _linkedStart[need + 1] - _linkedStart[need]);

    /// <summary>The goals of the current individual support plans of the person of <c>Plans[plan]</c>, and how
    /// many of them serve no need of the plan.</summary>
    public (int Goals, int Unlinked) GoalsOf(int plan) => (_goals[plan], _goalsUnlinked[plan]);

    private static bool HasPriority(PlanSnapshot snapshot, int start, int end, int priority)
    {
        for (var n = start; n < end; n++)
            if (snapshot.NeedPriority(n) == priority) return true;
        return false;
    }
}
