using System.Runtime.CompilerServices;
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
    // Every plan, each person's side by side by date then id (see Sort), and each person's range in it: one array,
    // not a list and an array per person (hundreds of thousands).
    private readonly Plan[] _plans;
    private readonly Dictionary<string, (int Start, int Count)> _plansByPerson;
    private readonly Dictionary<string, PrioritySet> _prioritiesByPlan;

    public CurrentPlanIndex(IEnumerable<Plan> plans, IEnumerable<PlanNeed> needs)
    {
        var all = plans as IReadOnlyList<Plan> ?? plans.ToList();
        // A person's plans, and a plan's needs, are usually adjacent and share one key string: one lookup per run.
        // First each person's count, then their ranges, then the plans placed in input order.
        _plansByPerson = new Dictionary<string, (int Start, int Count)>(StringComparer.Ordinal);
        string? person = null;
        ref var range = ref Unsafe.NullRef<(int Start, int Count)>();
        foreach (var p in all)
        {
            if (!ReferenceEquals(p.PersonKey, person)) range = ref CollectionsMarshal.GetValueRefOrAddDefault(_plansByPerson, person = p.PersonKey, out _);
            range.Count++;
        }
        var start = 0;
        foreach (var key in _plansByPerson.Keys)
        {
            ref var r = ref CollectionsMarshal.GetValueRefOrNullRef(_plansByPerson, key);
            (r.Start, r.Count, start) = (start, 0, start + r.Count);
        }
        _plans = new Plan[all.Count];
        person = null;
        foreach (var p in all)
        {
            if (!ReferenceEquals(p.PersonKey, person)) range = ref CollectionsMarshal.GetValueRefOrNullRef(_plansByPerson, person = p.PersonKey);
            _plans[range.Start + range.Count++] = p;
        }
        foreach (var (from, count) in _plansByPerson.Values) Sort(_plans.AsSpan(from, count));

        _prioritiesByPlan = new Dictionary<string, PrioritySet>(all.Count, StringComparer.Ordinal);
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

    /// <summary>Sorts a person's plans by date, then id, stably (equal pairs keep their input order): by insertion for
    /// the few plans a person has, without the allocations of OrderBy/ThenBy, which sorts the rare long lists.</summary>
    private static void Sort(Span<Plan> plans)
    {
        if (plans.Length > 16)
        {
            plans.ToArray().OrderBy(p => p.PlanDate).ThenBy(p => p.PlanId, StringComparer.Ordinal).ToArray().CopyTo(plans);
            return;
        }
        for (var i = 1; i < plans.Length; i++)
        {
            var plan = plans[i];
            var j = i - 1;
            for (; j >= 0 && Before(plan, plans[j]); j--) plans[j + 1] = plans[j];
            plans[j + 1] = plan;
        }
    }

    private static bool Before(Plan a, Plan b) =>
        a.PlanDate != b.PlanDate ? a.PlanDate < b.PlanDate : string.CompareOrdinal(a.PlanId, b.PlanId) < 0;

    /// <summary>The person's plan current at <paramref name="date"/>, or null when the person has no plan.</summary>
    public Plan? CurrentPlan(string personKey, DateOnly date)
    {
        if (!_plansByPerson.TryGetValue(personKey, out var range)) return null;
        var plans = _plans.AsSpan(range.Start, range.Count);
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
