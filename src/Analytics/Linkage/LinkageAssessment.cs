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

    /// <summary>Adds every goal of the person's current individual support plans, with its plan, to <paramref name="into"/>.</summary>
    public static void GoalsOf(PlanSnapshot snapshot, int person, List<(SupportPlan Plan, SupportGoal Goal)> into)
    {
        if (person < 0) return;
        foreach (var sp in CurrentSupportPlans(snapshot.Index, person, snapshot.Date))
        foreach (var g in snapshot.Index.GoalsOf(sp))
            into.Add((snapshot.Index.SupportPlans[sp], g));
    }

    /// <summary>The positions in <see cref="DatasetIndex.SupportPlans"/> of the person's latest individual
    /// support plan per provider and service on or before the date.</summary>
    public static IReadOnlyList<int> CurrentSupportPlans(DatasetIndex index, int person, DateOnly date)
    {
        var current = new List<int>(2);
        var (start, end) = index.SupportPlansOf(person);
        for (var i = start; i < end; i++)
        {
            var s = index.SupportPlans[i];
            if (s.PlanDate > date) break; // ordered by date
            var same = current.FindIndex(c => index.SupportPlans[c].ProviderOfficeId == s.ProviderOfficeId && index.SupportPlans[c].Service == s.Service);
            if (same >= 0) current[same] = i;
            else current.Add(i);
        }
        return current;
    }
}
