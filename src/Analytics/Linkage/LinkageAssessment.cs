using PlanLink.Analytics.Snapshot;
using PlanLink.Ingest.Model;

namespace PlanLink.Analytics.Linkage;

/// <summary>連動: whether a need of the service use plan is served by a goal of an individual support plan.</summary>
public sealed record LinkageAssessment(NeedState State, IReadOnlyList<(SupportPlan Plan, SupportGoal Goal)> LinkedGoals)
{
    public bool IsLinked => LinkedGoals.Count > 0;

    public static IReadOnlyList<LinkageAssessment> Assess(PlanSnapshot snapshot)
    {
        var result = new List<LinkageAssessment>(snapshot.Needs.Count);
        // Needs come grouped by person (the snapshot is ordered by person).
        var start = 0;
        while (start < snapshot.Needs.Count)
        {
            var person = snapshot.Needs[start].Plan.PersonKey;
            var end = start;
            while (end < snapshot.Needs.Count && snapshot.Needs[end].Plan.PersonKey == person) end++;
            result.AddRange(Assess(snapshot, snapshot.Needs.Skip(start).Take(end - start).ToList()));
            start = end;
        }
        return result;
    }

    /// <summary>The linkage of the needs of one person (all of the same person's current plan).</summary>
    public static IReadOnlyList<LinkageAssessment> Assess(PlanSnapshot snapshot, IReadOnlyList<NeedState> needsOfOnePerson)
    {
        if (needsOfOnePerson.Count == 0) return [];
        var goals = GoalsOf(snapshot, needsOfOnePerson[0].Plan.PersonKey).FindAll(x => x.Goal.LinkedPriority is not null);
        return needsOfOnePerson.Select(need =>
            new LinkageAssessment(need, goals.Count == 0 ? [] : goals.FindAll(x => x.Goal.LinkedPriority == need.Need.Priority))).ToList();
    }

    /// <summary>Every goal of the person's current individual support plans, with its plan.</summary>
    public static List<(SupportPlan Plan, SupportGoal Goal)> GoalsOf(PlanSnapshot snapshot, string personKey)
    {
        var goals = new List<(SupportPlan, SupportGoal)>();
        foreach (var sp in CurrentSupportPlans(snapshot.Index, personKey, snapshot.Date))
        foreach (var g in snapshot.Index.GoalsBySupportPlan.GetValueOrDefault(sp.SupportPlanId) ?? [])
            goals.Add((sp, g));
        return goals;
    }

    /// <summary>The person's latest individual support plan per provider and service on or before the date.</summary>
    public static IReadOnlyList<SupportPlan> CurrentSupportPlans(DatasetIndex index, string personKey, DateOnly date)
    {
        var current = new List<SupportPlan>(2);
        foreach (var s in index.SupportPlansByPerson.GetValueOrDefault(personKey) ?? [])
        {
            if (s.PlanDate > date) break; // ordered by date
            var same = current.FindIndex(c => c.ProviderOfficeId == s.ProviderOfficeId && c.Service == s.Service);
            if (same >= 0) current[same] = s;
            else current.Add(s);
        }
        return current;
    }
}
