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
    // not a list and an array per person (hundreds of thousands). Persons are numbered in the order of their first plan.
    private readonly Plan[] _plans;
    private readonly Dictionary<string, int> _personNumbers = new(StringComparer.Ordinal);
    private readonly List<string> _persons = [];
    // Where each person's plans start in _plans; the last entry is where the last person's end.
    private readonly int[] _starts;
    // The priorities of the needs of each plan, by its index among the plans given: a bit each for 0-127 (a read file's
    // are 1-99), a value not an object (millions of plans), and a set beside them for any other. That index for each
    // plan of _plans.
    private readonly UInt128[] _priorities;
    private readonly HashSet<(int Plan, int Priority)> _otherPriorities = [];
    private readonly int[] _prioritiesAt;

    /// <param name="plans">The plans kept, one per id.</param>
    /// <param name="planIds">The index in <paramref name="plans"/> of each plan id.</param>
    internal CurrentPlanIndex(IReadOnlyList<Plan> plans, IReadOnlyList<PlanNeed> needs, KnownIds planIds)
    {
        // A person's plans, and a plan's needs, are usually adjacent and share one key string: one lookup per run.
        // Each plan's person, then each person's range, then the plans placed in input order.
        var personOf = new int[plans.Count];
        string? person = null;
        var number = -1;
        for (var i = 0; i < plans.Count; i++)
        {
            var key = plans[i].PersonKey;
            if (!ReferenceEquals(key, person))
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_personNumbers, person = key, out var known);
                if (!known)
                {
                    slot = _persons.Count;
                    _persons.Add(key);
                }
                number = slot;
            }
            personOf[i] = number;
        }
        _starts = new int[_persons.Count + 1];
        foreach (var n in personOf) _starts[n + 1]++;
        for (var n = 0; n < _persons.Count; n++) _starts[n + 1] += _starts[n];
        _plans = new Plan[plans.Count];
        var firstOf = new int[plans.Count];
        var next = _starts.AsSpan(0, _persons.Count).ToArray();
        for (var i = 0; i < plans.Count; i++)
        {
            var at = next[personOf[i]]++;
            (_plans[at], firstOf[at]) = (plans[i], i);
        }
        for (var n = 0; n < _persons.Count; n++)
            Sort(_plans.AsSpan(_starts[n], _starts[n + 1] - _starts[n]), firstOf.AsSpan(_starts[n], _starts[n + 1] - _starts[n]));
        _prioritiesAt = firstOf;

        _priorities = TouchedArray.Of<UInt128>(plans.Count);
        string? planId = null;
        var index = -1;
        foreach (var chunk in RowChunks.Of(needs))
        {
            foreach (ref readonly var n in chunk.Span)
            {
                if (!ReferenceEquals(n.PlanId, planId)) index = planIds.IndexOf(planId = n.PlanId);
                // The needs of a plan id no plan has are never asked for.
                if (index < 0) continue;
                if ((uint)n.Priority < 128) _priorities[index] |= UInt128.One << n.Priority;
                else _otherPriorities.Add((index, n.Priority));
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

    /// <summary>The number of a person who has plans, or -1. Files that name persons list them in much the order of
    /// plans.csv: the person of <paramref name="previous"/> (a number this returned before, or -1) and the one after are
    /// compared first, without a lookup in a table of hundreds of thousands.</summary>
    internal int PersonNumber(string personKey, int previous)
    {
        for (var n = Math.Max(previous, 0); n <= previous + 1 && n < _persons.Count; n++)
        {
            if (string.Equals(_persons[n], personKey, StringComparison.Ordinal)) return n;
        }
        return _personNumbers.TryGetValue(personKey, out var number) ? number : -1;
    }

    /// <summary>Where the plan of person <paramref name="person"/> (see <see cref="PersonNumber"/>) current at
    /// <paramref name="date"/> is, for <see cref="PlanAt"/> and <see cref="HasPriority"/>.</summary>
    internal int CurrentPlanAt(int person, DateOnly date)
    {
        var (start, end) = (_starts[person], _starts[person + 1]);
        var current = -1;
        for (var at = start; at < end; at++)
        {
            var p = _plans[at];
            if (p.PlanDate > date) break;
            if (p.EndDate is null || p.EndDate >= date) current = at;
        }
        return current >= 0 ? current : start;
    }

    internal Plan PlanAt(int at) => _plans[at];

    /// <summary>Whether the plan at <paramref name="at"/> has a need with that priority.</summary>
    internal bool HasPriority(int at, int priority)
    {
        var index = _prioritiesAt[at];
        return (uint)priority < 128 ? (_priorities[index] & (UInt128.One << priority)) != UInt128.Zero : _otherPriorities.Contains((index, priority));
    }
}
