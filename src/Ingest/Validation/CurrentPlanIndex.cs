using System.Runtime.InteropServices;
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
    private readonly Dictionary<string, PrioritySet> _prioritiesByPlan;

    public CurrentPlanIndex(IEnumerable<Plan> plans, IEnumerable<PlanNeed> needs)
    {
        // A person's plans, and a plan's needs, are usually adjacent and share one key string: one lookup per run.
        var byPerson = new Dictionary<string, List<Plan>>(StringComparer.Ordinal);
        List<Plan>? list = null;
        foreach (var p in plans)
        {
            if (list is null || !ReferenceEquals(p.PersonKey, list[0].PersonKey))
                list = CollectionsMarshal.GetValueRefOrAddDefault(byPerson, p.PersonKey, out _) ??= [];
            list.Add(p);
        }
        _plansByPerson = new Dictionary<string, Plan[]>(byPerson.Count, StringComparer.Ordinal);
        foreach (var (person, plansOfPerson) in byPerson) _plansByPerson.Add(person, Sorted(plansOfPerson));
        _prioritiesByPlan = new Dictionary<string, PrioritySet>(plans.TryGetNonEnumeratedCount(out var count) ? count : 0, StringComparer.Ordinal);
        string? planId = null;
        var run = new PrioritySet();
        foreach (var n in needs)
        {
            if (!ReferenceEquals(n.PlanId, planId))
            {
                if (planId is not null) CollectionsMarshal.GetValueRefOrAddDefault(_prioritiesByPlan, planId, out _).UnionWith(run);
                (planId, run) = (n.PlanId, new PrioritySet());
            }
            run.Add(n.Priority);
        }
        if (planId is not null) CollectionsMarshal.GetValueRefOrAddDefault(_prioritiesByPlan, planId, out _).UnionWith(run);
    }

    /// <summary>A person's plans by date, then id, stably (equal pairs keep their input order): by insertion for the
    /// few plans a person has, without the allocations of OrderBy/ThenBy, which sorts the rare long lists.</summary>
    private static Plan[] Sorted(List<Plan> plans)
    {
        if (plans.Count > 16) return plans.OrderBy(p => p.PlanDate).ThenBy(p => p.PlanId, StringComparer.Ordinal).ToArray();
        var sorted = plans.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            var plan = sorted[i];
            var j = i - 1;
            for (; j >= 0 && Before(plan, sorted[j]); j--) sorted[j + 1] = sorted[j];
            sorted[j + 1] = plan;
        }
        return sorted;
    }

    private static bool Before(Plan a, Plan b) =>
        a.PlanDate != b.PlanDate ? a.PlanDate < b.PlanDate : string.CompareOrdinal(a.PlanId, b.PlanId) < 0;

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

    /// <summary>The priorities of the needs of a plan (none when it has no need).</summary>
    internal PrioritySet PrioritiesOf(string planId) => _prioritiesByPlan.GetValueOrDefault(planId);
}

/// <summary>The priorities of a plan's needs: a bit each for 0-127 (a read file's are 1-99), a set for any other.
/// A value, not a set object per plan: there are millions of plans.</summary>
internal struct PrioritySet
{
    private UInt128 _bits;
    private HashSet<int>? _others;

    public void Add(int priority)
    {
        if ((uint)priority < 128) _bits |= UInt128.One << priority;
        else (_others ??= []).Add(priority);
    }

    public void UnionWith(PrioritySet other)
    {
        _bits |= other._bits;
        if (other._others is not null) (_others ??= []).UnionWith(other._others);
    }

    public readonly bool Contains(int priority) =>
        (uint)priority < 128 ? (_bits & (UInt128.One << priority)) != UInt128.Zero : _others?.Contains(priority) == true;
}
