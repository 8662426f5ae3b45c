using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Validation;

/// <summary>Answers "which priorities does this person's current plan have at a date" for the
/// reference check of support_goals.csv (a goal's linked priority must be a need of the plan the
/// individual support plan follows). Current = the latest version dated on or before the date and
/// not ended before it (domain.md §3, "as of"); a support plan dated before any plan of the person
/// is checked against the person's earliest plan.</summary>
public sealed class CurrentPlanIndex
{
    private readonly Dictionary<string, Plan[]> _plansByPerson;
    private readonly Dictionary<string, HashSet<int>> _prioritiesByPlan;

    public CurrentPlanIndex(IEnumerable<Plan> plans, IEnumerable<PlanNeed> needs)
    {
        _plansByPerson = plans.GroupBy(p => p.PersonKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.PlanDate).ThenBy(p => p.PlanId, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        _prioritiesByPlan = needs.GroupBy(n => n.PlanId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(n => n.Priority).ToHashSet(), StringComparer.Ordinal);
    }

    /// <summary>The person's plan current at <paramref name="date"/>, or null when the person has no plan.</summary>
    public Plan? CurrentPlan(string personKey, DateOnly date)
    {
        if (!_plansByPerson.TryGetValue(personKey, out var plans)) return null;
        Plan? current = null;
        foreach (var p in plans)
        {
            if (p.PlanDate > date) break;
            if (p.EndDate is null || p.EndDate >= date) current = p;
        }
        return current ?? plans[0];
    }

    public bool HasPriority(string planId, int priority) =>
        _prioritiesByPlan.TryGetValue(planId, out var set) && set.Contains(priority);
}
