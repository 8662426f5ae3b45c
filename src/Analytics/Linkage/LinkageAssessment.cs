using System.Runtime.CompilerServices;
using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Linkage;

/// <summary>連動: whether a need of the service use plan is served by a goal of an individual support plan.</summary>
public sealed record LinkageAssessment(NeedState State, IReadOnlyList<(SupportPlan Plan, SupportGoal Goal)> LinkedGoals)
{
    public bool IsLinked => LinkedGoals.Count > 0;

    /// <summary>Several tables read the linkage of one snapshot: made once per snapshot.</summary>
    private static readonly ConditionalWeakTable<PlanSnapshot, LinkageAssessment[]> BySnapshot = [];

    /// <summary>The linkage of every need of the snapshot, in the order of <see cref="PlanSnapshot.Needs"/>.</summary>
    public static IReadOnlyList<LinkageAssessment> Assess(PlanSnapshot snapshot) =>
        BySnapshot.GetValue(snapshot, s =>
        {
            var result = new LinkageAssessment[s.Needs.Count];
            var goals = new List<(SupportPlan, SupportGoal)>();
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
        List<(SupportPlan Plan, SupportGoal Goal)> goals)
    {
        goals.Clear();
        GoalsOf(snapshot, person, goals);
        goals.RemoveAll(x => x.Goal.LinkedPriority is null);
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

    /// <summary>Adds every goal of the person's current individual support plans, with its plan, to <paramref name="into"/>:
    /// the latest plan on or before the date per provider and service, in the order each provider and service first appears.</summary>
    public static void GoalsOf(PlanSnapshot snapshot, int person, List<(SupportPlan Plan, SupportGoal Goal)> into)
    {
        if (person < 0) return;
        var index = snapshot.Index;
        var (start, end) = index.SupportPlansOf(person);
        while (end > start && index.SupportPlans[end - 1].PlanDate > snapshot.Date) end--; // ordered by date
        for (var first = start; first < end; first++)
        {
            if (SameProviderAndService(index, first, start, first) >= 0) continue; // not the first of its provider and service
            var current = first;
            for (var later = first + 1; later < end; later++)
                if (IsSameProviderAndService(index.SupportPlans[later], index.SupportPlans[first])) current = later;
            foreach (var g in index.GoalsOf(current))
                into.Add((index.SupportPlans[current], g));
        }
    }

    /// <summary>The first position in [from, to) with the same provider and service as the plan at <paramref name="of"/>, or −1.</summary>
    private static int SameProviderAndService(DatasetIndex index, int of, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (IsSameProviderAndService(index.SupportPlans[i], index.SupportPlans[of])) return i;
        return -1;
    }

    private static bool IsSameProviderAndService(SupportPlan a, SupportPlan b) => a.ProviderOfficeId == b.ProviderOfficeId && a.Service == b.Service;
}
