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
        foreach (var person in snapshot.Needs.GroupBy(n => n.Plan.PersonKey))
        {
            var goals = CurrentSupportPlans(snapshot.Index, person.Key, snapshot.Date)
                .SelectMany(sp => (snapshot.Index.GoalsBySupportPlan.GetValueOrDefault(sp.SupportPlanId) ?? []).Select(g => (sp, g)))
                .ToList();
            foreach (var need in person)
                result.Add(new LinkageAssessment(need, goals.Where(x => x.g.LinkedPriority == need.Need.Priority).ToList()));
        }
        return result;
    }

    /// <summary>The person's latest individual support plan per provider and service on or before the date.</summary>
    public static IEnumerable<SupportPlan> CurrentSupportPlans(DatasetIndex index, string personKey, DateOnly date) =>
        (index.SupportPlansByPerson.GetValueOrDefault(personKey) ?? [])
            .Where(s => s.PlanDate <= date)
            .GroupBy(s => (s.ProviderOfficeId, s.Service))
            .Select(g => g.Last());
}
