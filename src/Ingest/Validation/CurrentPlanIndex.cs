using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PlanLink.Ingest.Model;

namespace PlanLink.Ingest.Validation;

/// <summary>Answers "which priorities does this person's current plan have at a date" for the
/// reference check of support_goals.csv (a goal's linked priority must be a need of the plan the
/// individual support plan follows). Current = the latest version dated on or before the date and
/// not ended before it (domain.md §3, "as of"); a support plan dated before any plan of the person
/// is checked against the person's earliest plan.</summary>
internal sealed class CurrentPlanIndex
{
    // Every plan, each person's side by side by date then id (see Sort), and each person's range in it: one array,
    // not a list and an array per person (hundreds of thousands).
    private readonly Plan[] _plans;
    private readonly Dictionary<string, (int Start, int Count)> _plansByPerson;
    // The priorities of the needs of each plan id, at the index of the id's first plan; that index for each plan of _plans.
    private readonly PrioritySet[] _priorities;
    private readonly int[] _prioritiesAt;

    /// <param name="planIds">The index in <paramref name="plans"/> of the first plan with an id (-1 for none).</param>
    internal CurrentPlanIndex(IReadOnlyList<Plan> plans, IReadOnlyList<PlanNeed> needs, KnownIds planIds)
    {
        // A person's plans, and a plan's needs, are usually adjacent and share one key string: one lookup per run.
        // First each person's count, then their ranges, then the plans placed in input order.
        _plansByPerson = new Dictionary<string, (int Start, int Count)>(StringComparer.Ordinal);
        string? person = null;
        ref var range = ref Unsafe.NullRef<(int Start, int Count)>();
        foreach (var p in plans)
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
        _plans = new Plan[plans.Count];
        var firstOf = new int[plans.Count];
        person = null;
        foreach (var p in plans)
        {
            if (!ReferenceEquals(p.PersonKey, person)) range = ref CollectionsMarshal.GetValueRefOrNullRef(_plansByPerson, person = p.PersonKey);
            firstOf[range.Start + range.Count] = planIds.IndexOf(p.PlanId);
            _plans[range.Start + range.Count++] = p;
        }
        foreach (var (from, count) in _plansByPerson.Values) Sort(_plans.AsSpan(from, count), firstOf.AsSpan(from, count));
        _prioritiesAt = firstOf;

        _priorities = TouchedArray.Of<PrioritySet>(plans.Count);
        string? planId = null;
        var index = -1;
        foreach (var chunk in RowChunks.Of(needs))
        {
            foreach (ref readonly var n in chunk.Span)
            {
                if (!ReferenceEquals(n.PlanId, planId)) index = planIds.IndexOf(planId = n.PlanId);
                // The needs of a plan id no plan has are never asked for.
                if (index >= 0) _priorities[index].Add(n.Priority);
            }
        }
    }

    /// <summary>Sorts a person's plans (and the entries of <paramref name="with"/> along) by date, then id, stably
    /// (equal pairs keep their input order): by insertion for the few plans a person has, without the allocations
    /// of OrderBy/ThenBy, which sorts the rare long lists.</summary>
    private static void Sort(Span<Plan> plans, Span<int> with)
    {
        if (plans.Length > 16)
        {
            var order = Enumerable.Range(0, plans.Length).ToArray();
            var (copy, copyWith) = (plans.ToArray(), with.ToArray());
            var sorted = order.OrderBy(i => copy[i].PlanDate).ThenBy(i => copy[i].PlanId, StringComparer.Ordinal).ToArray();
            for (var k = 0; k < sorted.Length; k++) (plans[k], with[k]) = (copy[sorted[k]], copyWith[sorted[k]]);
            return;
        }
        for (var i = 1; i < plans.Length; i++)
        {
            var (plan, w) = (plans[i], with[i]);
            var j = i - 1;
            for (; j >= 0 && Before(plan, plans[j]); j--) (plans[j + 1], with[j + 1]) = (plans[j], with[j]);
            (plans[j + 1], with[j + 1]) = (plan, w);
        }
    }

    private static bool Before(Plan a, Plan b) =>
        a.PlanDate != b.PlanDate ? a.PlanDate < b.PlanDate : string.CompareOrdinal(a.PlanId, b.PlanId) < 0;

    /// <summary>Where the person's plan current at <paramref name="date"/> is (-1 when the person has no plan), for
    /// <see cref="PlanAt"/> and <see cref="PrioritiesAt"/>.</summary>
    internal int CurrentPlanAt(string personKey, DateOnly date)
    {
        if (!_plansByPerson.TryGetValue(personKey, out var range)) return -1;
        var current = -1;
        for (var at = range.Start; at < range.Start + range.Count; at++)
        {
            var p = _plans[at];
            if (p.PlanDate > date) break;
            if (p.EndDate is null || p.EndDate >= date) current = at;
        }
        return current >= 0 ? current : range.Start;
    }

    internal Plan PlanAt(int at) => _plans[at];

    /// <summary>The priorities of the needs of the plan at <paramref name="at"/> (none when it has no need).</summary>
    internal PrioritySet PrioritiesAt(int at) => _prioritiesAt[at] is var index and >= 0 ? _priorities[index] : default;
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
