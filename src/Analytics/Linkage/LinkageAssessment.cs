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
            var goals = new List<(int, SupportGoal)>();
            for (var plan = 0; plan < s.Plans.Count; plan++)
            {
                var (start, end) = s.NeedsOf(plan);
                if (start < end) Assess(s, s.PersonOf(plan), s.Needs, start, end, result, goals);
            }
            return result;
        });

    /// <summary>The linkage of the needs of one person (all of the same person's current plan).</summary>
    public static IReadOnlyList<LinkageAssessment> Assess(PlanSnapshot snapshot, IReadOnlyList<NeedState> needsOfOnePerson)
    {
        var result = new LinkageAssessment[needsOfOnePerson.Count];
        if (result.Length > 0)
            Assess(snapshot, snapshot.Index.PersonOf(needsOfOnePerson[0].Plan.PersonKey), needsOfOnePerson, 0, result.Length, result, []);
        return result;
    }

    /// <summary>Assesses needs[start .. end), all of one person, into the same positions of <paramref name="result"/>;
    /// <paramref name="goals"/> is a buffer.</summary>
    private static void Assess(PlanSnapshot snapshot, int person, IReadOnlyList<NeedState> needs, int start, int end, LinkageAssessment[] result,
        List<(int SupportPlan, SupportGoal Goal)> goals)
    {
        var supportPlans = snapshot.Index.SupportPlans;
        goals.Clear();
        GoalsOf(snapshot, person, goals);
        for (var i = start; i < end; i++)
        {
            var priority = needs[i].Need.Priority;
            var linked = 0;
            foreach (var g in goals)
                if (g.Goal.LinkedPriority == priority) linked++;
            var linkedGoals = linked == 0 ? [] : new (SupportPlan, SupportGoal)[linked];
            linked = 0;
            foreach (var g in goals)
                if (g.Goal.LinkedPriority == priority) linkedGoals[linked++] = (supportPlans[g.SupportPlan], g.Goal);
            result[i] = new LinkageAssessment(needs[i], linkedGoals);
        }
    }

    /// <summary>Adds every goal of the person's current individual support plans, with the position of its plan in
    /// <see cref="DatasetIndex.SupportPlans"/>, to <paramref name="into"/>: the latest plan on or before the date per
    /// provider and service, in the order each provider and service first appears.</summary>
    public static void GoalsOf(PlanSnapshot snapshot, int person, List<(int SupportPlan, SupportGoal Goal)> into)
    {
        if (person < 0) return;
        var index = snapshot.Index;
        var plans = index.SupportPlans;
        var (start, end) = index.SupportPlansOf(person);
        while (end > start && plans[end - 1].PlanDate > snapshot.Date) end--; // ordered by date
        for (var first = start; first < end; first++)
        {
            if (SameProviderAndService(plans, first, start, first) >= 0) continue; // not the first of its provider and service
            var current = first;
            for (var later = first + 1; later < end; later++)
                if (IsSameProviderAndService(plans[later], plans[first])) current = later;
            foreach (var g in index.GoalsOf(current))
                into.Add((current, g));
        }
    }

    /// <summary>The first position in [from, to) with the same provider and service as the plan at <paramref name="of"/>, or −1.</summary>
    private static int SameProviderAndService(ReadOnlySpan<SupportPlan> plans, int of, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (IsSameProviderAndService(plans[i], plans[of])) return i;
        return -1;
    }

    private static bool IsSameProviderAndService(SupportPlan a, SupportPlan b) => a.ProviderOfficeId == b.ProviderOfficeId && a.Service == b.Service;
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
        var goals = new List<(int SupportPlan, SupportGoal Goal)>();
        for (var plan = 0; plan < snapshot.Plans.Count; plan++)
        {
            goals.Clear();
            LinkageAssessment.GoalsOf(snapshot, snapshot.PersonOf(plan), goals);
            var (start, end) = snapshot.NeedsOf(plan);
            for (var n = start; n < end; n++)
            {
                var priority = snapshot.Need(n).Priority;
                foreach (var g in goals)
                    if (g.Goal.LinkedPriority == priority) linked.Add(g.SupportPlan);
                _linkedStart[n + 1] = linked.Count;
            }
            _goals[plan] = goals.Count;
            foreach (var (_, goal) in goals)
                if (goal.LinkedPriority is not { } p || !HasPriority(snapshot, start, end, p)) _goalsUnlinked[plan]++;
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
            if (snapshot.Need(n).Priority == priority) return true;
        return false;
    }
}
