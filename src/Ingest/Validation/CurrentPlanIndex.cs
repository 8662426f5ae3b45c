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
        var byPerson = new Dictionary<string, List<Plan>>(StringComparer.Ordinal);
        foreach (var p in plans)
        {
            if (!byPerson.TryGetValue(p.PersonKey, out var list)) byPerson.Add(p.PersonKey, list = []);
            list.Add(p);
        }
        _plansByPerson = new Dictionary<string, Plan[]>(byPerson.Count, StringComparer.Ordinal);
        foreach (var (person, list) in byPerson)
        {
            // A stable sort, as OrderBy/ThenBy was: equal (date, id) pairs keep their input order.
            var sorted = list.Count == 1 ? [list[0]] : list.OrderBy(p => p.PlanDate).ThenBy(p => p.PlanId, StringComparer.Ordinal).ToArray();
            _plansByPerson.Add(person, sorted);
        }
        _prioritiesByPlan = new Dictionary<string, PrioritySet>(StringComparer.Ordinal);
        foreach (var n in needs) CollectionsMarshal.GetValueRefOrAddDefault(_prioritiesByPlan, n.PlanId, out _).Add(n.Priority);
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

    public readonly bool Contains(int priority) =>
        (uint)priority < 128 ? (_bits & (UInt128.One << priority)) != UInt128.Zero : _others?.Contains(priority) == true;
}
